"""The `folkmoot` command line. Every failure is one line on stderr and exit status 2."""

from __future__ import annotations

import sys

import click
import typer.main

from bot.cli.app import app
from bot.cli import commands  # noqa: F401  (registers the commands)
from governance.config import ConfigError
from governance.errors import GovernanceError

USAGE_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="folkmoot", standalone_mode=False)
    except click.exceptions.UsageError as error:
        return fail(error.format_message())
    except click.exceptions.Abort:
        return fail("aborted")
    except click.exceptions.Exit as done:
        return done.exit_code
    except (GovernanceError, ConfigError) as error:
        return fail(str(error))
    code = result if isinstance(result, int) else 0
    if argv is None:
        sys.exit(code)
    return code


def fail(message: str) -> int:
    line = " ".join(str(message).split())
    print(f"error: {line}", file=sys.stderr)
    if sys.argv and sys.argv[0].endswith("folkmoot"):
        sys.exit(USAGE_ERROR)
    return USAGE_ERROR

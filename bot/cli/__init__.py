"""The `folkmoot` command line. Every failure is one line on stderr and exit status 2."""

from __future__ import annotations

import sys

import typer
import typer.main
from typer.exceptions import TyperException  # typer vendors click; its errors derive from this

from bot.cli import commands  # noqa: F401  (registers the commands)
from bot.cli.app import app
from governance.config import ConfigError
from governance.errors import GovernanceError

USAGE_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    """Runs one command; the console script passes the return value to sys.exit."""
    command = typer.main.get_command(app)
    arguments = sys.argv[1:] if argv is None else argv
    if any("\udc80" <= ch <= "\udcff" for arg in arguments for ch in arg):
        return fail("the command line is not valid UTF-8 text")  # bytes the terminal could not decode
    try:
        result = command.main(args=argv, prog_name="folkmoot", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        return fail("aborted")
    except TyperException as error:  # usage errors: bad option, bad value, missing argument
        return fail(error.format_message() if hasattr(error, "format_message") else str(error))
    except (GovernanceError, ConfigError) as error:
        return fail(str(error))
    return result if isinstance(result, int) else 0


def fail(message: str) -> int:
    line = " ".join(str(message).split())
    if line:  # empty when the help text was shown for a bare group command
        print(f"error: {line}", file=sys.stderr)
    return USAGE_ERROR

"""The `folkmoot` command line. Every failure the operator can cause or fix is one line on stderr
and exit status 2; a bug is one line with an error id (exit 1), its traceback in a log file."""

from __future__ import annotations

import contextlib
import sys

import typer
import typer.main
from typer.exceptions import TyperException  # typer vendors click; its errors derive from this

from bot.cli import commands  # noqa: F401  (registers the commands)
from bot.cli.app import app
from bot.cli.failures import INTERRUPTED, chain_unreachable, fail, unexpected
from governance.config import ConfigError, load_settings
from governance.errors import GovernanceError
from governance.ports import ChainUnavailable


def main(argv: list[str] | None = None) -> int:
    """Runs one command; the console script passes the return value to sys.exit."""
    command = typer.main.get_command(app)
    arguments = sys.argv[1:] if argv is None else argv
    if any("\udc80" <= ch <= "\udcff" for arg in arguments for ch in arg):
        return fail("the command line is not valid UTF-8 text")  # bytes the terminal could not decode
    try:
        with _logging():
            result = command.main(args=argv, prog_name="folkmoot", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        return fail("aborted")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
    except TyperException as error:  # usage errors: bad option, bad value, missing argument
        return fail(error.format_message() if hasattr(error, "format_message") else str(error))
    except (GovernanceError, ConfigError) as error:
        return fail(str(error))
    except ChainUnavailable as error:
        return fail(chain_unreachable(error))
    except Exception as error:  # noqa: BLE001 - the last resort: an environment failure, or a bug
        from governance.bootstrap import environment_failure

        message = environment_failure(error)
        return fail(message) if message else unexpected(error, arguments)
    return result if isinstance(result, int) else 0


def _logging() -> contextlib.AbstractContextManager:
    """Logging configured for the command; a bad setting is left for the command to report."""
    from bot.logs import logging_for_command

    try:
        settings = load_settings()
    except ConfigError:
        return contextlib.nullcontext()
    return logging_for_command(settings)

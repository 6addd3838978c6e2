"""How a command fails: one `error:` line on stderr, without secrets, for anything the operator can
cause or fix (exit 2); for a bug, an error id on that line and the traceback in a log file (exit 1)."""

from __future__ import annotations

import logging
import os
import secrets
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from governance.config import load_settings
from governance.ports import ChainRefused
from governance.redaction import Redactor, public_url

USAGE_ERROR = 2
BUG = 1
INTERRUPTED = 130  # 128 + SIGINT, as shells report it

log = logging.getLogger("folkmoot.cli")


def redactor() -> Redactor:
    """Masks the configured secrets (and what looks like one) in anything printed."""
    try:
        return Redactor(load_settings().secret_values())
    except Exception:  # noqa: BLE001 - bad settings are reported elsewhere; mask what looks secret
        return Redactor()


def fail(message: str) -> int:
    line = redactor().scrub(" ".join(str(message).split()))
    if line:  # empty when the help text was shown for a bare group command
        print(f"error: {line}", file=sys.stderr)
    return USAGE_ERROR


def chain_unreachable(error: Exception) -> str:
    """The node did not answer or refused: which node (scheme and host only) and what to check."""
    try:
        url = load_settings().chain_rpc_url
    except Exception:  # noqa: BLE001
        url = None
    where = f" at {public_url(url)}" if url else ""
    if isinstance(error, ChainRefused):
        return f"the chain{where}: {error}"
    return f"the chain{where} is unreachable: {error}; check FOLKMOOT_CHAIN_RPC_URL and try again"


def error_log() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "folkmoot" / "errors.log"


def unexpected(error: BaseException, argv: list[str]) -> int:
    """A bug: an id to quote, and the (scrubbed) traceback where the operator can find it."""
    error_id = secrets.token_hex(4)
    details = redactor().scrub("".join(traceback.format_exception(error)))
    path: Path | None = error_log()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            command = " ".join(argv[:2])
            handle.write(f"--- {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, error {error_id}, folkmoot {command}\n"
                         f"{details}\n")
    except OSError:
        path = None
    if logging.getLogger().handlers:  # `run` configured logging: its log gets the traceback too
        log.error("unexpected failure, error id %s", error_id, exc_info=error)
    where = f"the details are in {path}" if path else "no log file could be written"
    print(f"error: an unexpected failure (error id {error_id}); {where}. Please report it.", file=sys.stderr)
    return BUG

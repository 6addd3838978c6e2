"""Logging for every entry point (the CLI, `folkmoot run`).

Folkmoot's own loggers log at FOLKMOOT_LOG_LEVEL. Every other library's stay at INFO or above,
whatever that level, because their DEBUG lines carry secrets (discord.py logs interaction tokens,
which are 15-minute webhook credentials, and request bodies; web3 and urllib3 log the RPC URL),
unless FOLKMOOT_DEBUG_THIRD_PARTY is set. Every line, tracebacks included, is scrubbed of the
configured secrets and of anything shaped like one (governance.redaction).
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

from governance.config import Settings
from governance.redaction import Redactor

OURS = ("governance", "bot", "folkmoot", "benchmarks")
THIRD_PARTY = ("discord", "web3", "urllib3", "requests", "aiohttp", "httpx", "httpcore", "asyncio", "apscheduler",
               "tzlocal", "sqlalchemy", "alembic", "transformers", "huggingface_hub", "filelock", "matplotlib",
               "PIL", "eth", "eth_tester", "eth_utils", "websockets", "urllib3.connectionpool", "multipart")
# their INFO is a line per SQL statement, gateway event or job run (parameters included): only their warnings
QUIET = ("sqlalchemy", "alembic", "discord", "apscheduler")
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    """Formats the whole record (message, traceback, stack) and then masks secrets in it."""

    def __init__(self, redactor: Redactor):
        super().__init__(FORMAT, datefmt="%Y-%m-%d %H:%M:%S")
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        return self.redactor.scrub(super().format(record))


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the moment (tests capture it)."""

    folkmoot = True  # marks the handler this module installed

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(settings: Settings, level: str | None = None) -> None:
    """Our loggers at `level` (default: FOLKMOOT_LOG_LEVEL), the others capped at INFO (or as ours,
    with FOLKMOOT_DEBUG_THIRD_PARTY), one scrubbing handler on stderr."""
    ours = getattr(logging, level or settings.log_level)
    others = ours if settings.debug_third_party else max(ours, logging.INFO)
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not getattr(h, "folkmoot", False)]
    handler = StderrHandler()
    handler.setFormatter(RedactingFormatter(Redactor(settings.secret_values())))
    root.addHandler(handler)
    root.setLevel(others)
    for name in OURS:
        logging.getLogger(name).setLevel(ours)
    for name in THIRD_PARTY:
        logging.getLogger(name).setLevel(others)
    for name in QUIET:
        logging.getLogger(name).setLevel(others if settings.debug_third_party else max(others, logging.WARNING))


@contextlib.contextmanager
def logging_for_command(settings: Settings) -> Iterator[None]:
    """Logging while one CLI command runs (WARNING unless FOLKMOOT_LOG_LEVEL is set: a command
    prints what it did), restored afterwards (tests run many commands in one process)."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level,
             {name: logging.getLogger(name).level for name in (*OURS, *THIRD_PARTY, *QUIET)})
    configure_logging(settings, None if "log_level" in settings.model_fields_set else "WARNING")
    try:
        yield
    finally:
        handlers, level, levels = saved
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, value in levels.items():
            logging.getLogger(name).setLevel(value)

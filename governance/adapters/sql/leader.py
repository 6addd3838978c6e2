"""Leader election: only one bot instance runs the scheduler against a database at a time.

PostgreSQL: a session advisory lock (`pg_try_advisory_lock`) held on a connection
kept for that purpose alone, in autocommit so no transaction stays open. If the
process dies or the connection drops, the server releases the lock and another
instance takes over at its next attempt. The key is derived from the schema, so
deployments sharing a server in different schemas elect separately.

SQLite: an exclusive `flock` on a file next to the database (`<db>.scheduler.lock`),
released by the kernel when the process exits. An in-memory database has one
process by definition, so a process-local lock suffices.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text

from governance.ports import LeaderLock

log = logging.getLogger(__name__)


def leader_lock_for(engine: Engine, name: str = "folkmoot.scheduler") -> LeaderLock:
    if engine.dialect.name == "postgresql":
        return PostgresLeaderLock(engine, name)
    database = engine.url.database
    if not database or database == ":memory:":
        return ProcessLeaderLock(name)
    suffix = name.rsplit(".", 1)[-1]  # "folkmoot.scheduler" → "<db>.scheduler.lock"
    return FileLeaderLock(Path(database).with_name(f"{Path(database).name}.{suffix}.lock"))


class PostgresLeaderLock:
    def __init__(self, engine: Engine, name: str):
        self.engine = engine
        self.name = name
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self._connection is not None:
            return True
        connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            schema = connection.execute(text("SELECT current_schema()")).scalar()
            key = advisory_key(f"{self.name}:{schema}")
            if connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
                self._connection, self._key = connection, key
                return True
        except Exception:
            connection.close()
            raise
        connection.close()
        return False

    def still_held(self) -> bool:
        if self._connection is None:
            return False
        try:
            # alive: the session, and so its lock, persists
            self._connection.execute(text("SELECT 1"))
            return True
        except Exception:
            log.warning("the %s leader connection dropped; leadership is lost", self.name)
            self._forget()
            return False

    def release(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        except Exception:
            log.warning("could not unlock the %s lock; closing its connection releases it", self.name)
        self._forget()

    def _forget(self) -> None:
        connection, self._connection = self._connection, None
        try:
            connection.invalidate()  # not back into the pool: the session (and its lock) ends
        except Exception:
            pass


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_lock."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class FileLeaderLock:
    def __init__(self, path: Path):
        self.path = path
        self._file: IO[str] | None = None

    def try_acquire(self) -> bool:
        if self._file is not None:
            return True
        handle = open(self.path, "a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")  # who leads, for an operator looking at the file
        handle.flush()
        self._file = handle
        return True

    def still_held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class ProcessLeaderLock:
    """For an in-memory database: only instances in this process could share it."""

    _locks: dict[str, threading.Lock] = {}

    def __init__(self, name: str = "folkmoot.scheduler") -> None:
        self._lock = self._locks.setdefault(name, threading.Lock())
        self._held = False

    def try_acquire(self) -> bool:
        if not self._held:
            self._held = self._lock.acquire(blocking=False)
        return self._held

    def still_held(self) -> bool:
        return self._held

    def release(self) -> None:
        if self._held:
            self._lock.release()
            self._held = False

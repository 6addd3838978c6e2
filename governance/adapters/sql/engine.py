"""Engine creation: the one place that knows SQLite from PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        # The bot runs use cases in worker threads; each gets its own connection.
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, isolation_level=None, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _begin_immediate(connection) -> None:
    # A use case that may write takes the write lock at BEGIN: a read-then-write transaction that
    # starts as a reader cannot upgrade once another writer committed ("database is locked").
    # Read-only units of work begin deferred, so with WAL they never wait for the writer.
    read_only = connection.get_execution_options().get("folkmoot_read_only", False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # WAL lets readers (digests, /tally) run while votes are being written.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()

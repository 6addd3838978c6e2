"""A database the process cannot use, said in one line an operator can act on (never the password)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from governance.redaction import public_database_url

SETTING = "FOLKMOOT_DATABASE_URL"


def database_failure(error: BaseException, engine: Engine | None = None) -> str | None:
    """What went wrong reaching the database, or None if `error` is not about reaching it."""
    if not isinstance(error, OperationalError | InterfaceError):
        return None
    cause = error.orig if isinstance(error, DBAPIError) else None
    text = " ".join(str(cause or error).split())
    where = public_database_url(engine.url.render_as_string(hide_password=True)) if engine is not None else "the database"
    if isinstance(cause, sqlite3.Error) or (engine is not None and engine.dialect.name == "sqlite"):
        return _sqlite(text, engine)
    lowered = text.lower()
    if "connection refused" in lowered:
        return f"PostgreSQL at {where} refused the connection: is the server running there? (check {SETTING})"
    if "does not exist" in lowered and "database" in lowered:
        return f"PostgreSQL at {where}: that database does not exist; create it (createdb) or fix {SETTING}"
    if "resolve host" in lowered or "name or service not known" in lowered or "nodename nor servname" in lowered:
        return f"the database host of {where} is unknown; check {SETTING}"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return f"PostgreSQL at {where} refused the user name or password in {SETTING}"
    if "timeout" in lowered or "timed out" in lowered:
        return f"PostgreSQL at {where} did not answer in time; check the network and {SETTING}"
    first = text.split(" (Background on this error")[0][:200]
    return f"cannot use the database at {where}: {first}"


def _sqlite(text: str, engine: Engine | None) -> str:
    path = Path(engine.url.database) if engine is not None and engine.url.database else None
    if path is not None and "unable to open" in text:
        if not path.parent.exists():
            return (f"cannot open the SQLite database {path}: the folder {path.parent} does not exist; "
                    f"create it or point {SETTING} elsewhere")
        return f"cannot open the SQLite database {path}: check that its folder is writable ({SETTING})"
    if "readonly" in text.replace(" ", "") or "read-only" in text:
        return f"the SQLite database {path or ''} is read-only; check its permissions".replace("  ", " ")
    if "locked" in text:
        return f"the SQLite database {path or ''} stayed locked by another process; try again".replace("  ", " ")
    if "not a database" in text or "malformed" in text:
        return f"{path or 'the file'} is not a usable SQLite database ({text[:80]}); check {SETTING}"
    return f"cannot use the SQLite database {path or ''}: {text[:200]}".replace("  ", " ")

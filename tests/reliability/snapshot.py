"""A fingerprint of every table, on SQLite and PostgreSQL alike: row counts and a hash of the rows.

Taken before and after a refused command, it proves the refusal wrote nothing (no half-made
proposal, no stray outbox record, no audit line).
"""

from __future__ import annotations

import hashlib

from hypothesis import currently_in_test_context, event
from sqlalchemy import Engine, MetaData, select

from governance.errors import GovernanceError

MAX_MESSAGE_CHARS = 300


class Snapshots:
    """Reflects the schema once; `take()` reads every table."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.metadata = MetaData()
        self.metadata.reflect(bind=engine)

    def take(self) -> dict[str, tuple[int, str]]:
        fingerprint = {}
        with self.engine.connect() as connection:
            for table in self.metadata.sorted_tables:
                rows = connection.execute(select(table)).all()
                lines = sorted(repr(tuple(row)) for row in rows)  # order-independent, content-exact
                digest = hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()
                fingerprint[table.name] = (len(rows), digest)
        return fingerprint


def assert_user_safe(error: BaseException) -> None:
    """A refusal a member can read: one non-empty line, short."""
    message = str(error)
    assert message.strip(), f"{type(error).__name__} has an empty message"
    assert len(message.splitlines()) == 1, f"not one line: {message!r}"
    assert len(message) < MAX_MESSAGE_CHARS, f"{len(message)} characters: {message[:120]!r}…"


def attempt(snapshots: Snapshots, action):
    """Runs `action`; a GovernanceError is returned (checked: user-safe, nothing written).

    Any other exception propagates, failing the test: that is the bug being hunted.
    """
    before = snapshots.take()
    try:
        result = action()
    except GovernanceError as error:
        _event(f"refused: {type(error).__name__}")
        assert_user_safe(error)
        after = snapshots.take()
        changed = {name for name in before if before[name] != after.get(name)}
        assert not changed, f"refused with {error!r} but changed tables {sorted(changed)}"
        return error
    _event("succeeded")
    return result


def _event(name: str) -> None:
    """Counted in --hypothesis-show-statistics, so a run shows how often each outcome happened."""
    if currently_in_test_context():
        event(name)

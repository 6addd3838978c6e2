"""A community with a voter role and a proposer role, on SQLite or PostgreSQL, and its snapshots;
and the CLI over a SQLite file, checked on every run."""

from __future__ import annotations

import contextlib
import io
import itertools
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.app import governance
from governance.application import Governance
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor, Proposal
from tests.conftest import GUILD, START, VOTER_ROLE, private_schema
from tests.reliability.snapshot import Snapshots, attempt

PROPOSER_ROLE = 900_000_000_000_000_200
ADMIN = Actor(id="discord:1", is_admin=True)  # Manage Server, and no role at all
AUTHOR = Actor(id="discord:2", role_ids=frozenset({VOTER_ROLE, PROPOSER_ROLE}))


SPARE = 900_000_000_000_000_002  # a second community, for tests that change settings


@dataclass
class World:
    gov: Governance
    clock: ManualClock
    snapshots: Snapshots
    community_id: int = GUILD
    spare_community_id: int = SPARE

    def __post_init__(self) -> None:
        self._texts = itertools.count(1)

    def attempt(self, action):
        return attempt(self.snapshots, action)

    def draft(self, author: Actor = AUTHOR) -> Proposal:
        n = next(self._texts)
        return self.gov.create_draft(self.community_id, author, f"Proposal {n}", f"Text number {n}.")

    def active(self, author: Actor = AUTHOR) -> Proposal:
        return self.gov.publish(self.draft(author).id, author)


def make_world(engine, clock) -> World:
    gov = bootstrap(Settings(), engine=engine, clock=clock, migrate=False)
    gov.setup_community(GUILD, "Reliability Guild", ADMIN, quorum="3", voting_period=timedelta(days=3),
                        eligible_role_id=VOTER_ROLE, proposer_role_id=PROPOSER_ROLE)
    gov.setup_community(SPARE, "Spare Guild", ADMIN)
    return World(gov, clock, Snapshots(engine))


@pytest.fixture
def sqlite_world(sqlite_engine, clock) -> World:
    return make_world(sqlite_engine, clock)


@pytest.fixture
def postgres_world(postgres_engine, clock) -> World:
    return make_world(postgres_engine, clock)


def postgres_schema():
    """Like tests/conftest.py's postgres_engine, for a whole module (a schema costs ~0.7 s)."""
    return private_schema("r")


@pytest.fixture(scope="module")
def shared_postgres_world() -> Iterator[World]:
    """One PostgreSQL world for a module whose tests only add fresh rows (or change SPARE)."""
    with postgres_schema() as engine:
        yield make_world(engine, ManualClock(START))


# --- the CLI ---------------------------------------------------------------------------------

COMMUNITY = 42
OPERATOR = Actor("cli:operator", is_admin=True)


def dump(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return "\n".join(connection.iterdump())


class Cli:
    def __init__(self, db: Path):
        self.db = db

    def run(self, argv: list[str]) -> tuple[int, str]:
        """Exit 0, or exit 2 with one `error: ` line on stderr and the database as it was."""
        before = dump(self.db)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)  # an exception escaping here is a traceback for the operator
        errors = err.getvalue()
        assert status in (0, 2), (status, errors)
        assert "Traceback" not in errors + out.getvalue()
        if status == 2:
            assert errors.startswith("error: ") and errors.endswith("\n"), repr(errors[:200])
            assert len(errors.splitlines()) == 1, repr(errors[:200])
            assert dump(self.db) == before, "a failed command changed the database"
        return status, errors

    def draft(self) -> int:
        return governance().create_draft(COMMUNITY, OPERATOR, "Fuzz", "Text.").id

    def active(self) -> int:
        return governance().publish(self.draft(), OPERATOR).id

    def ended(self) -> int:
        """Open, but past its deadline (the CLI runs on the real clock)."""
        proposal_id = self.active()
        with contextlib.closing(sqlite3.connect(self.db)) as connection, connection:
            connection.execute("UPDATE proposal SET deadline = '2000-01-01 00:00:00' WHERE id = ?",
                               (proposal_id,))
        return proposal_id


@pytest.fixture
def cli(tmp_path, monkeypatch) -> Cli:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("FOLKMOOT_CHAIN", "off")
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    governance.cache_clear()
    assert main(["community", "create", str(COMMUNITY), "Fuzz guild", "--quorum", "1"]) == 0
    yield Cli(db)
    governance.cache_clear()

"""Shared fixtures: clocks, databases (SQLite and the real PostgreSQL), the governance app."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.migrate import upgrade
from governance.application import Governance
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor

POSTGRES_URL = os.environ.get(
    "FOLKMOOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
GUILD = 900_000_000_000_000_001
VOTER_ROLE = 900_000_000_000_000_100


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


def postgres_available() -> bool:
    try:
        with create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3}).connect():
            return True
    except Exception:
        return False


def _require_postgres() -> None:
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI and is not reachable at {POSTGRES_URL}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@contextlib.contextmanager
def private_schema(prefix: str = "t", before_drop: Callable[[], None] = lambda: None) -> Iterator:
    """An engine on a fresh schema of the real server, migrated, dropped afterwards: tests never
    see each other's rows. The admin engine survives a server restart (pool_pre_ping)."""
    _require_postgres()
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, pool_pre_ping=True)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        before_drop()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgres_engine():
    """A private schema per test on the real server."""
    with private_schema() as engine:
        yield engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request):
    """Both real databases: every test using this runs on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def gov(engine, clock) -> Governance:
    return bootstrap(Settings(), engine=engine, clock=clock, migrate=False)


@pytest.fixture
def admin() -> Actor:
    return Actor(id="discord:1", is_admin=True)


def member(n: int, *roles: int) -> Actor:
    return Actor(id=f"discord:{1000 + n}", role_ids=frozenset(roles or (VOTER_ROLE,)))


@pytest.fixture
def community(gov, admin):
    return gov.setup_community(
        GUILD, "Test Guild", admin, quorum="3", voting_period=timedelta(days=3),
        eligible_role_id=VOTER_ROLE,
    )


@pytest.fixture
def draft(gov, community):
    return gov.create_draft(community.id, member(0), "Buy a lawnmower", "We need one for the park.")


@pytest.fixture
def active(gov, draft):
    return gov.publish(draft.id, member(0), eligible_count=10)

"""Use cases on the in-memory unit of work (tests/fakes/unit_of_work.py): the application object as
bootstrap builds it, minus the database. The shared fixtures (community, draft, active) build on
this `gov`."""

from __future__ import annotations

import pytest

from governance.application import Governance
from tests.fakes.chain import QuietChain
from tests.fakes.ledger import PerfectLedger
from tests.fakes.unit_of_work import InMemoryDatabase, InMemoryUnitOfWork


class PerfectChain(PerfectLedger, QuietChain):
    """The chain port holding exactly what was relayed (tests.fakes.ledger.relay)."""


@pytest.fixture
def database() -> InMemoryDatabase:
    return InMemoryDatabase()


@pytest.fixture
def gov(database, clock) -> Governance:
    return Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock)


@pytest.fixture
def chain_gov(database, clock) -> Governance:
    """The app with a chain that holds whatever the outbox relayed (relay(database) relays)."""
    return Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, chain=PerfectChain(database))

"""Fixtures: a fresh anvil per test, a real OpenZeppelin DAO on it, and the Governor app over SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_account import Account

from governance.adapters.chain.connection import ChainConnection
from governance.bootstrap import bootstrap
from governance.config import Settings
from governance.domain import Actor
from tests.conftest import GUILD
from tests.integration.chain.backends import Chain, anvil_chain, anvil_missing_reason

from .dao import Dao, deploy_dao

ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"  # anvil's first dev account
MANAGER = Actor(id="discord:1", is_admin=True)  # a server manager: chooses the Governor to follow
pytestmark = [pytest.mark.integration, pytest.mark.anvil]


@pytest.fixture(autouse=True)
def fresh_cli_apps() -> Iterator[None]:
    """Each test's CLI commands build their app from that test's settings (a new node, a new file)."""
    from bot.cli.app import governance, governance_with_ai, governance_with_chain

    for cached in (governance, governance_with_chain, governance_with_ai):
        cached.cache_clear()
    yield
    for cached in (governance, governance_with_chain, governance_with_ai):
        cached.cache_clear()


@pytest.fixture
def anvil() -> Iterator[Chain]:
    reason = anvil_missing_reason()
    if reason:
        pytest.skip(reason)
    chain = anvil_chain()
    yield chain
    chain.close()


@pytest.fixture
def dao(anvil) -> Dao:
    dao = deploy_dao(anvil.w3)
    dao.delegate_all()
    return dao


def connection_to(chain: Chain) -> ChainConnection:
    return ChainConnection(chain.w3, Account.from_key(ANVIL_KEY), embedded=False, description="anvil (test)")


@pytest.fixture
def community(sqlite_engine, clock, admin):
    gov = bootstrap(Settings(), engine=sqlite_engine, clock=clock, migrate=False)
    return gov.setup_community(GUILD, "DAO Guild", admin, quorum="1")


def governor_app(engine, chain: Chain, clock, confirmations: int = 0, range_size: int = 5):
    """The app on `chain` (its Governor part follows Governors there), indexing `range_size` blocks
    per log request."""
    return bootstrap(Settings(chain_confirmations=confirmations), engine=engine, clock=clock, migrate=False,
                     chain=connection_to(chain), governor_range=range_size)

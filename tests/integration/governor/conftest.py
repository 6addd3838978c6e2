"""Fixtures: a fresh anvil per test, a real OpenZeppelin DAO on it, and the Governor app over SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_account import Account

from governance.adapters.chain.connection import ChainConnection
from governance.bootstrap import bootstrap, build_governor_app
from governance.config import Settings
from tests.conftest import GUILD
from tests.integration.chain.backends import Chain, anvil_chain, anvil_missing_reason

from .dao import Dao, deploy_dao

ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"  # anvil's first dev account
pytestmark = [pytest.mark.integration, pytest.mark.anvil]


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
    return build_governor_app(Settings(chain_confirmations=confirmations), engine=engine,
                              connection=connection_to(chain), clock=clock, range_size=range_size, migrate=False)

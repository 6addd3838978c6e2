"""Fixtures for the relayer, indexer and verify tests: a real chain (py-evm or anvil) and SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from governance.adapters.chain.connection import ChainConnection, embedded_chain, rpc_chain
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor
from tests.conftest import GUILD, VOTER_ROLE
from tests.integration.chain.backends import anvil_chain, anvil_missing_reason

# anvil's first well-known development key (funded on every fresh anvil node)
ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
ANVIL_SECOND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"


@pytest.fixture(scope="session")
def anvil_node():
    reason = anvil_missing_reason()
    if reason:
        pytest.skip(reason)
    node = anvil_chain()
    yield node
    node.close()


@pytest.fixture(params=["py-evm", pytest.param("anvil", marks=pytest.mark.anvil)])
def connection(request) -> ChainConnection:
    if request.param == "py-evm":
        return embedded_chain()
    node = request.getfixturevalue("anvil_node")
    return rpc_chain(node.w3.provider.endpoint_uri, ANVIL_KEY)


def travel(connection: ChainConnection, moment: datetime) -> None:
    """Let the chain's next block carry `moment`, so chain time follows the test clock."""
    timestamp = int(moment.timestamp())
    if connection.embedded:
        connection.sync_time(timestamp)
    elif timestamp > connection.w3.eth.get_block("latest")["timestamp"]:
        connection.w3.provider.make_request("evm_setNextBlockTimestamp", [timestamp])


def chain_now(connection: ChainConnection) -> datetime:
    latest = connection.w3.eth.get_block("latest")["timestamp"]
    return datetime.fromtimestamp(latest + 60, UTC)


@pytest.fixture
def chain_clock(connection) -> ManualClock:
    return ManualClock(chain_now(connection))


def chain_community(engine, clock, connection, settings: Settings | None = None, quorum: str = "3"):
    """The app on `engine` and the chain, with the test community set up."""
    gov = bootstrap(settings or Settings(), engine=engine, clock=clock, chain=connection, migrate=False)
    gov.setup_community(GUILD, "Chain guild", Actor(id="discord:1", is_admin=True),
                        quorum=quorum, voting_period=timedelta(days=2), eligible_role_id=VOTER_ROLE)
    return gov


def relay_and_index(gov, clock, connection):
    """A pass of `gov`'s relayer then its indexer, with the chain's clock brought to the app's."""
    def run():
        travel(connection, clock.now())
        stats = gov.chain.relayer.relay()
        gov.chain.indexer.poll()
        return stats
    return run


@pytest.fixture
def chain_gov(sqlite_engine, chain_clock, connection):
    return chain_community(sqlite_engine, chain_clock, connection)


@pytest.fixture
def sync(chain_gov, chain_clock, connection):
    return relay_and_index(chain_gov, chain_clock, connection)


@pytest.fixture
def db_chain_gov(engine, chain_clock, connection):
    """chain_gov on SQLite and on PostgreSQL."""
    return chain_community(engine, chain_clock, connection)


@pytest.fixture
def db_sync(db_chain_gov, chain_clock, connection):
    return relay_and_index(db_chain_gov, chain_clock, connection)

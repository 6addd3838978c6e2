"""Fixtures for the chain tests: each backend-bound test runs on py-evm and on anvil.

A module deploys one ledger per backend and registers its voters once; every test then runs
inside an EVM snapshot reverted afterwards, so tests stay independent without a deployment each.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from web3 import Web3
from web3.contract import Contract

from .backends import Chain, anvil_chain, anvil_missing_reason, pyevm_chain
from .helpers import REGISTERED_VOTERS, Roles, deploy_ledger, roles_of, sample_voter_ids, send


@pytest.fixture(scope="session", params=["py-evm", pytest.param("anvil", marks=pytest.mark.anvil)])
def chain(request: pytest.FixtureRequest) -> Iterator[Chain]:
    if request.param == "anvil":
        reason = anvil_missing_reason()
        if reason:
            pytest.skip(reason)
        backend = anvil_chain()
    else:
        backend = pyevm_chain()
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def w3(chain: Chain) -> Web3:
    return chain.w3


@pytest.fixture(scope="session")
def roles(chain: Chain) -> Roles:
    return roles_of(chain.accounts)


@pytest.fixture(scope="module")
def deployed_ledger(chain: Chain, roles: Roles) -> Contract:
    ledger = deploy_ledger(chain.w3, roles)
    send(ledger.functions.registerVoters(sample_voter_ids(REGISTERED_VOTERS)), roles.recorder)
    return ledger


@pytest.fixture
def ledger(chain: Chain, deployed_ledger: Contract) -> Iterator[Contract]:
    """The module's ledger, with every change a test makes undone afterwards."""
    snapshot = chain.snapshot()
    yield deployed_ledger
    chain.revert(snapshot)

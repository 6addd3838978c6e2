"""On a chain without the CREATE2 deployer (the embedded py-evm), ballots asked for together are relayed
one transaction each, each counted."""

from __future__ import annotations

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct, encode_typed_data
from eth_tester.backends.pyevm.main import get_default_account_keys

from governance.adapters.chain.connection import embedded_chain
from governance.adapters.chain.wallet_proof import link_message
from governance.bootstrap import bootstrap
from governance.config import Settings
from governance.domain import Actor, Support
from governance.domain.governor.delegation import RelayedBallot
from governance.services.governor_ballots import BallotRequest
from tests.integration.chain.helpers import send

from .conftest import MANAGER
from .dao import UNIT, VOTING_DELAY, WEIGHTS, deploy_dao, transfer_call

pytestmark = [pytest.mark.integration]


def test_without_a_create2_deployer_ballots_go_one_by_one(sqlite_engine, clock, community):
    connection = embedded_chain()
    w3 = connection.w3
    keys = get_default_account_keys()
    dao = deploy_dao(w3)
    for holder in dao.voters[:2]:
        send(dao.token.functions.delegate(holder), holder)
    dao.propose([transfer_call(dao, w3.eth.accounts[9], 1)], "# One\n\nOne FOLK.")
    dao.mine(VOTING_DELAY + 1)
    app = bootstrap(Settings(chain_confirmations=0), engine=sqlite_engine, clock=clock, migrate=False,
                    chain=connection)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    app.sync_governors(community.id)
    requests = []
    for index in (1, 2):  # the DAO's holders are the tester's accounts 1 and 2
        key, actor = keys[index], Actor(f"discord:{2000 + index}")
        address = Account.from_key(key.to_bytes()).address
        message = encode_defunct(text=link_message(community.id, actor.id, address))
        app.link_wallet(community.id, actor, address, Account.sign_message(message, key.to_bytes()).signature.hex())
        typed = app.governor_ballot(community.id, actor, "1", Support.FOR)
        signature = Account.sign_message(encode_typed_data(full_message=typed), key.to_bytes()).signature.to_0x_hex()
        requests.append(BallotRequest(actor, "1", Support.FOR, signature))
    outcomes = app.relay_governor_ballots(community.id, requests)
    assert all(isinstance(o, RelayedBallot) and o.batch == 1 for o in outcomes), outcomes
    assert len({o.tx_hash for o in outcomes}) == 2
    assert [o.weight for o in outcomes] == [WEIGHTS[0] * UNIT, WEIGHTS[1] * UNIT]

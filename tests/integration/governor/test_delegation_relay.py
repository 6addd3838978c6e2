"""Delegation by signature, relayed gas-free from the recorder key to a real ERC20Votes token on anvil
(OpenZeppelin 5 and 4.9): checked against the token's EIP-712 domain first, so an expired, replayed,
wrong-nonce, cross-chain, other-token or other-signer delegation is refused with its reason and
nothing is sent; a member's daily allowance holds."""

from __future__ import annotations

import pytest

from governance.domain.governor.power import PowerCase
from governance.errors import InvalidInput, NotFound
from tests.integration.chain.helpers import send

from .conftest import MANAGER, governor_app
from .dao import UNIT, VOTING_DELAY, WEIGHTS, deploy_dao, transfer_call
from .wallets import link, member, signed_delegation, wallet

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


@pytest.mark.parametrize("version", [5, 4])
def test_a_signed_delegation_is_relayed_and_counts_from_the_next_snapshot(anvil, sqlite_engine, clock, community,
                                                                          version):
    dao = deploy_dao(anvil.w3, version=version)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    actor = link(app, community.id, 2)
    holder = wallet(2).address
    assert app.why_zero(community.id, member=actor.id).case is PowerCase.NOT_DELEGATED

    domain = app.delegation_domain(community.id, holder)
    assert (domain.name, domain.version, domain.chain_id, domain.token) == (
        "Folk Vote", "1", 31337, dao.token.address.lower())
    balance = anvil.w3.eth.get_balance(holder)
    signed = signed_delegation(app, community.id, 2, holder)
    relayed = app.relay_delegation(community.id, actor, signed)
    assert dao.token.functions.delegates(holder).call() == holder
    assert dao.token.functions.getVotes(holder).call() == WEIGHTS[1] * UNIT
    assert anvil.w3.eth.get_balance(holder) == balance  # the holder paid nothing
    receipt = anvil.w3.eth.get_transaction_receipt(relayed.tx_hash)
    assert receipt["from"] == anvil.accounts[0] and receipt["gasUsed"] == relayed.gas_used
    print(f"\ndelegateBySig relayed (OpenZeppelin {version}): {relayed.gas_used} gas")

    with pytest.raises(InvalidInput, match="nonce 0, but the token expects 1"):
        app.relay_delegation(community.id, actor, signed)  # the same signature again: a replay
    dao.propose([transfer_call(dao, anvil.accounts[9], 1)], "Next one")
    dao.mine(VOTING_DELAY + 1)
    app.sync_governors(community.id)
    assert app.why_zero(community.id, member=actor.id).power == WEIGHTS[1] * UNIT


def test_bad_delegations_are_refused_with_their_reason_and_nothing_is_sent(anvil, sqlite_engine, clock, community):
    dao = deploy_dao(anvil.w3)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    app.delegations_per_day = 8
    actor = link(app, community.id, 2)
    holder = wallet(2).address
    now = app.delegation_domain(community.id, holder).now
    sent_before = anvil.w3.eth.get_transaction_count(anvil.accounts[0])
    cases = [
        (dict(expiry=now - 1), "expired"),
        (dict(nonce=5), "nonce 5, but the token expects 0"),
        (dict(chain_id=1), "signed for chain 1; the token is on chain 31337"),
        (dict(token=dao.governor.address), "signed for the token"),
    ]
    for changes, reason in cases:
        with pytest.raises(InvalidInput, match=reason):
            app.relay_delegation(community.id, actor, signed_delegation(app, community.id, 2, holder, **changes))
    forged = signed_delegation(app, community.id, 3, holder)  # holder 3 signs, claiming to be holder 2
    forged = type(forged)(holder, *[getattr(forged, f) for f in ("delegatee", "nonce", "expiry", "signature",
                                                                   "chain_id", "token")])
    with pytest.raises(InvalidInput, match="not .*'s over this Delegation"):
        app.relay_delegation(community.id, actor, forged)
    with pytest.raises(InvalidInput, match="not by your linked wallet"):
        app.relay_delegation(community.id, actor, signed_delegation(app, community.id, 3, holder))
    with pytest.raises(NotFound, match="not linked a wallet"):
        app.relay_delegation(community.id, member(4), signed_delegation(app, community.id, 4, holder))
    assert anvil.w3.eth.get_transaction_count(anvil.accounts[0]) == sent_before  # nothing was sent
    assert dao.token.functions.delegates(holder).call() == "0x" + "0" * 40


def test_a_members_daily_allowance_and_the_servers_budget_hold(anvil, sqlite_engine, clock, community):
    dao = deploy_dao(anvil.w3)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    app.delegations_per_day, app.relay_daily_budget = 2, 3
    actor = link(app, community.id, 2)
    holder = wallet(2).address
    app.relay_delegation(community.id, actor, signed_delegation(app, community.id, 2, holder))
    app.relay_delegation(community.id, actor, signed_delegation(app, community.id, 2, wallet(1).address))
    with pytest.raises(InvalidInput, match="today's limit of 2 relayed delegations"):
        app.relay_delegation(community.id, actor, signed_delegation(app, community.id, 2, holder))
    assert dao.token.functions.delegates(holder).call() == wallet(1).address
    other = link(app, community.id, 3)  # another member's allowance is their own
    app.relay_delegation(community.id, other, signed_delegation(app, community.id, 3, wallet(3).address))
    late = link(app, community.id, 4)  # the server's budget for the day (3) is spent
    with pytest.raises(InvalidInput, match=r"This server's relays for today \(3\) are spent"):
        app.relay_delegation(community.id, late, signed_delegation(app, community.id, 4, wallet(4).address))
    assert dao.token.functions.delegates(wallet(4).address).call() == "0x" + "0" * 40
    send(dao.token.functions.delegate(holder), holder)  # still free to delegate themself, paying gas


def test_a_recorder_that_cannot_pay_and_a_node_that_is_down_are_said_in_one_line(anvil, sqlite_engine, clock,
                                                                                community):
    from eth_account import Account

    from governance.adapters.chain.connection import ChainConnection
    from governance.bootstrap import bootstrap
    from governance.config import Settings
    from governance.errors import Unavailable

    dao = deploy_dao(anvil.w3)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    actor = link(app, community.id, 2)
    signed = signed_delegation(app, community.id, 2, wallet(2).address)
    broke = Account.create()
    poor = bootstrap(Settings(chain_confirmations=0), engine=sqlite_engine, clock=clock, migrate=False,
                     chain=ChainConnection(anvil.w3, broke, embedded=False, description="anvil (test)"))
    with pytest.raises(Unavailable, match=f"recorder {broke.address} cannot pay for gas right now; nothing was sent"):
        poor.relay_delegation(community.id, actor, signed)
    anvil.close()  # the node goes away
    for attempt in (lambda: app.relay_delegation(community.id, actor, signed),
                    lambda: app.why_zero(community.id, member=actor.id)):
        with pytest.raises(Unavailable, match="The chain cannot be reached"):
            attempt()


def test_members_relaying_at_once_each_get_their_own_nonce(anvil, sqlite_engine, clock, community):
    from concurrent.futures import ThreadPoolExecutor

    dao = deploy_dao(anvil.w3)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    signed = {index: (link(app, community.id, index), signed_delegation(app, community.id, index, wallet(index).address))
              for index in range(1, 6)}
    with ThreadPoolExecutor(5) as pool:
        relayed = list(pool.map(lambda item: app.relay_delegation(community.id, *item), signed.values()))
    assert len({r.tx_hash for r in relayed}) == 5
    for index in signed:
        assert dao.token.functions.delegates(wallet(index).address).call() == wallet(index).address

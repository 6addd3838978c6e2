"""A member's signed ballot relayed gas-free to a real OpenZeppelin Governor on anvil: the Governor's own
EIP-712 ballot (OpenZeppelin 5 with voter and nonce, 4.9 without), checked against the Governor's
domain before anything is sent, counted with the member's weight (hasVoted, proposalVotes, VoteCast);
a replay, another proposal's or chain's signature, no voting power, no linked wallet, a closed vote
and a reason (which needs an ExtendedBallot) are refused with their reason, nothing sent."""

from __future__ import annotations

import copy

import pytest
from eth_account import Account
from eth_account.messages import encode_typed_data

from governance.domain import Support
from governance.errors import InvalidInput, InvalidState, NotEligible, NotFound
from tests.integration.chain.helpers import send

from .conftest import MANAGER, governor_app
from .dao import UNIT, VOTING_DELAY, VOTING_PERIOD, WEIGHTS, deploy_dao, transfer_call
from .wallets import link, member, wallet

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


def sign(typed: dict, index: int) -> str:
    return Account.sign_message(encode_typed_data(full_message=typed), wallet(index).key).signature.to_0x_hex()


def two_proposals(anvil, version: int):
    dao = deploy_dao(anvil.w3, version=version)
    for holder in dao.voters[:4]:  # holders 1-4 delegate to themselves; holder 5 never does
        send(dao.token.functions.delegate(holder), holder)
    first = dao.propose([transfer_call(dao, anvil.accounts[9], 1)], "# One\n\nOne FOLK.")
    second = dao.propose([transfer_call(dao, anvil.accounts[9], 2)], "# Two\n\nTwo FOLK.")
    dao.mine(VOTING_DELAY + 1)
    return dao, first, second


@pytest.mark.parametrize("version", [5, 4])
def test_a_signed_ballot_is_relayed_and_counted_with_the_members_weight(anvil, sqlite_engine, clock, community,
                                                                        version):
    dao, first, second = two_proposals(anvil, version)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    app.sync_governors(community.id)
    actor = link(app, community.id, 2)
    typed = app.governor_ballot(community.id, actor, "1", Support.FOR)
    fields = [f["name"] for f in typed["types"]["Ballot"]]
    assert fields == (["proposalId", "support", "voter", "nonce"] if version == 5 else ["proposalId", "support"])
    assert typed["domain"]["verifyingContract"] == dao.governor.address and typed["domain"]["chainId"] == 31337
    balance = anvil.w3.eth.get_balance(wallet(2).address)

    proposal = app.find_proposal(community.id, "1")
    receipt = app.cast(proposal, actor, Support.FOR, signature=sign(typed, 2))
    assert (receipt.vote.support, receipt.vote.voter) == (Support.FOR, actor.id)
    assert dao.governor.functions.hasVoted(first, wallet(2).address).call()
    assert dao.governor.functions.proposalVotes(first).call()[1] == WEIGHTS[1] * UNIT
    assert anvil.w3.eth.get_balance(wallet(2).address) == balance  # gas-free for the member
    app.sync_governors(community.id)
    assert app.governor_tally(community.id, "1").for_votes == WEIGHTS[1] * UNIT  # VoteCast indexed

    other = link(app, community.id, 3)
    relayed = app.relay_governor_ballot(community.id, other, "2", Support.AGAINST,
                                        sign(app.governor_ballot(community.id, other, "2", Support.AGAINST), 3))
    assert (relayed.weight, relayed.support) == (WEIGHTS[2] * UNIT, 0)
    print(f"\ncastVoteBySig relayed (OpenZeppelin {version}): {relayed.gas_used} gas")

    with pytest.raises(InvalidState, match="already voted on proposal #1"):  # a replay
        app.cast(proposal, actor, Support.FOR, signature=sign(typed, 2))
    # the signature of a ballot for proposal 2 (or another chain) does not count on proposal 1
    stray = link(app, community.id, 4)
    for_two = app.governor_ballot(community.id, stray, "2", Support.FOR)
    elsewhere = copy.deepcopy(app.governor_ballot(community.id, stray, "1", Support.FOR))
    elsewhere["domain"]["chainId"] = 1
    sent_before = anvil.w3.eth.get_transaction_count(anvil.accounts[0])
    for signature in (sign(for_two, 4), sign(elsewhere, 4), "0x1234"):
        with pytest.raises(InvalidInput, match="signature"):
            app.cast(proposal, stray, Support.FOR, signature=signature)
    with pytest.raises(InvalidInput, match="signature"):  # a plain Ballot's signature does not carry a reason
        app.cast(proposal, stray, Support.FOR, reason="because", signature=sign(for_two, 4))
    with pytest.raises(InvalidInput, match="at most 500 characters"):
        app.cast(proposal, stray, Support.FOR, reason="x" * 501, signature=sign(for_two, 4))
    never = link(app, community.id, 5)
    with pytest.raises(NotEligible, match="no voting power at proposal #1's snapshot"):
        app.cast(proposal, never, Support.FOR, signature="0x" + "11" * 65)
    with pytest.raises(NotFound, match="not linked a wallet"):
        app.cast(proposal, member(8), Support.FOR, signature="0x" + "11" * 65)
    assert anvil.w3.eth.get_transaction_count(anvil.accounts[0]) == sent_before  # nothing was sent

    extended = app.governor_ballot(community.id, stray, "1", Support.ABSTAIN, reason="Abstaining: I wrote it.")
    assert extended["primaryType"] == "ExtendedBallot"
    with_reason = app.cast(proposal, stray, Support.ABSTAIN, reason="Abstaining: I wrote it.",
                           signature=sign(extended, 4))
    assert with_reason.vote.support is Support.ABSTAIN
    app.sync_governors(community.id)
    store = app.governors.store
    (indexed,) = [v for v in store.votes(store.of_community(community.id).id, str(first))
                  if v.voter.lower() == wallet(4).address.lower()]
    assert (indexed.reason, int(indexed.weight)) == ("Abstaining: I wrote it.", WEIGHTS[3] * UNIT)  # VoteCast read back

    dao.mine(VOTING_PERIOD + 1)
    with pytest.raises(InvalidState, match="is not open"):
        app.cast(app.find_proposal(community.id, "1"), stray, Support.FOR,
                 signature=sign(app.governor_ballot(community.id, stray, "1", Support.FOR), 4))


def test_the_same_ballot_relayed_twice_at_once_counts_once(anvil, sqlite_engine, clock, community):
    from concurrent.futures import ThreadPoolExecutor

    dao, first, _ = two_proposals(anvil, 5)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    app.sync_governors(community.id)
    actor = link(app, community.id, 1)
    signature = sign(app.governor_ballot(community.id, actor, "1", Support.FOR), 1)

    def relay():
        try:
            return app.relay_governor_ballot(community.id, actor, "1", Support.FOR, signature)
        except (InvalidInput, InvalidState) as refused:
            return refused

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: relay(), range(2)))
    counted = [r for r in results if not isinstance(r, Exception)]
    refused = [str(r) for r in results if isinstance(r, Exception)]
    assert len(counted) == 1 and len(refused) == 1, results
    assert any(words in refused[0] for words in ("already voted", "nonce was used", "reverted")), refused
    assert dao.governor.functions.proposalVotes(first).call()[1] == WEIGHTS[0] * UNIT  # once


def test_a_ballot_sent_but_not_mined_in_time_is_said_and_never_doubled(anvil, sqlite_engine, clock, community,
                                                                       monkeypatch):
    from governance.adapters.governor import relay_tx
    from governance.errors import Unavailable

    dao, first, _ = two_proposals(anvil, 5)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    app.sync_governors(community.id)
    actor = link(app, community.id, 1)
    signature = sign(app.governor_ballot(community.id, actor, "1", Support.FOR), 1)
    monkeypatch.setattr(relay_tx, "RECEIPT_WAIT", 0.5)
    anvil.w3.provider.make_request("evm_setAutomine", [False])  # a slow chain: nothing is mined for now
    with pytest.raises(Unavailable, match=r"was sent but not mined within 0.5 s; it may still be"):
        app.relay_governor_ballot(community.id, actor, "1", Support.FOR, signature)
    anvil.w3.provider.make_request("evm_setAutomine", [True])
    dao.mine(1)  # it was mined after all
    assert dao.governor.functions.hasVoted(first, wallet(1).address).call()
    with pytest.raises(InvalidState, match="already voted"):  # the member tries again: refused, not doubled
        app.relay_governor_ballot(community.id, actor, "1", Support.FOR, signature)
    assert dao.governor.functions.proposalVotes(first).call()[1] == WEIGHTS[0] * UNIT

"""The outbox relayer on py-evm and anvil: every record reaches the chain once, in order."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.adapters.chain.reconcile import Verdict, judge_revert
from governance.adapters.chain.reverts import LedgerRevert
from governance.domain import Outcome, Support
from governance.domain.outbox import RecordKind, RecordStatus
from governance.services.verification import Check
from tests.conftest import GUILD, member
from tests.integration.ledger.conftest import travel

pytestmark = pytest.mark.integration


def statuses(gov):
    """The statuses of the records not yet confirmed, or {CONFIRMED} when every one is."""
    waiting = {RecordStatus(status) for status in gov.chain_status().outbox} - {RecordStatus.CONFIRMED}
    return waiting or {RecordStatus.CONFIRMED}


def test_a_round_is_recorded_and_verifies(chain_gov, chain_clock, sync):
    gov = chain_gov
    p = gov.create_draft(GUILD, member(0), "Lights", "Solar lights for the path.")
    gov.revise(p.id, member(0), body="Solar lights for the whole path.")
    gov.publish(p.id, member(0), eligible_count=10)
    for n, s in enumerate([Support.FOR, Support.FOR, Support.AGAINST, Support.ABSTAIN]):
        gov.vote(p.id, member(n), s)
    gov.vote(p.id, member(2), Support.FOR)  # a change
    sync()
    chain_clock.advance(timedelta(days=2))
    sync()  # a vote closes once the chain was read past its deadline
    assert gov.close(p.id).outcome is Outcome.PASSED
    stats = sync()
    assert stats.failed == 0
    assert statuses(gov) == {RecordStatus.CONFIRMED}
    report = gov.verify(p.id)
    assert report.passed, report.items
    on_chain = gov.ledger.proposal(GUILD, p.id)
    assert on_chain.outcome == "passed" and on_chain.tally == gov.tally(p.id).tally
    assert sync().sent == 0  # nothing left: a second pass sends nothing


def test_a_vote_cast_just_before_the_deadline_lands_when_relayed_after_it(chain_gov, chain_clock, sync, connection):
    gov = chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Well", "A well by the school.").id, member(0),
                    eligible_count=10)
    gov.vote(p.id, member(0), Support.FOR)
    gov.vote(p.id, member(1), Support.FOR)
    sync()
    chain_clock.set(p.deadline - timedelta(seconds=1))
    gov.vote(p.id, member(2), Support.FOR)  # accepted: the database's clock is still before the deadline
    chain_clock.advance(timedelta(hours=2))  # the relayer was slow (its RPC node was down)
    travel(connection, chain_clock.now())
    gov.chain.indexer.poll()  # a vote closes once the chain was read past its deadline
    assert gov.close(p.id).outcome is Outcome.PASSED  # quorum 3 needs the late vote
    stats = sync()  # relays the vote, then the close, both after the deadline
    assert stats.failed == 0 and stats.blocked is None
    assert statuses(gov) == {RecordStatus.CONFIRMED}
    report = gov.verify(p.id)
    assert report.passed, report.items
    on_chain = gov.ledger.proposal(GUILD, p.id)
    assert on_chain.outcome == "passed" and on_chain.tally == gov.tally(p.id).tally


def test_a_withdrawn_proposal_is_recorded_as_withdrawn(chain_gov, sync):
    gov = chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Fence", "A fence.").id, member(0))
    gov.vote(p.id, member(1), Support.AGAINST)
    sync()
    gov.withdraw(p.id, member(0))
    stats = sync()
    assert stats.failed == 0
    assert statuses(gov) == {RecordStatus.CONFIRMED}
    on_chain = gov.ledger.proposal(GUILD, p.id)
    assert on_chain.outcome == "withdrawn" and on_chain.tally == gov.tally(p.id).tally
    assert gov.verify(p.id).passed


@pytest.mark.parametrize(("kind", "payload", "stored", "verdict"), [
    (RecordKind.WITHDRAW, {}, 4, Verdict.ALREADY_RECORDED),
    (RecordKind.WITHDRAW, {}, 1, Verdict.FAILED),  # closed by someone else before our withdrawal landed
    (RecordKind.CLOSE, {"outcome": "no_quorum"}, 3, Verdict.ALREADY_RECORDED),
    (RecordKind.CLOSE, {"outcome": "passed"}, 4, Verdict.FAILED),
])
def test_an_already_closed_proposal_counts_as_recorded_only_with_our_outcome(kind, payload, stored, verdict):
    step = SimpleNamespace(kind=kind, payload={"proposal_id": 7, **payload})
    revert = LedgerRevert("LedgerProposalAlreadyClosed", (b"\0" * 32, stored))
    assert judge_revert(step, revert, SimpleNamespace(functions=None))[0] is verdict  # reads no view


def test_verify_reports_pending_before_relaying_and_detects_tampering(chain_gov, sync):
    from sqlalchemy import text

    gov = chain_gov
    p = gov.create_draft(GUILD, member(0), "Bench", "A bench by the pond.")
    report = gov.verify(p.id)
    assert {i.check for i in report.items} == {Check.PASS, Check.PENDING}
    sync()
    assert gov.verify(p.id).passed
    with gov.uow() as uow:
        uow.session.execute(text("UPDATE revision SET body = 'A bench by the lake.'"))
        uow.commit()
    failed = [i.name for i in gov.verify(p.id).items if i.check is Check.FAIL]
    assert failed == ["revision 1 text", "revision 1 on-chain"]


def test_signed_wallet_ballot_is_indexed_as_the_members_vote(chain_gov, sync, connection):
    from eth_account import Account

    from governance.bootstrap import chain_sandbox
    from tests.integration.ledger.conftest import ANVIL_SECOND_KEY

    gov = chain_gov
    outside = chain_sandbox(gov)
    p = gov.publish(gov.create_draft(GUILD, member(0), "Kiosk", "A kiosk.").id, member(0))
    gov.vote(p.id, member(4), Support.AGAINST)
    linked = outside.new_wallet()
    gov.link_wallet(GUILD, member(4), linked.address, outside.link_signature(linked, GUILD, member(4).id))
    sync()
    stranger = None if connection.embedded else Account.from_key(ANVIL_SECOND_KEY)
    outside.cast_signed_ballot(GUILD, linked, p.id, Support.FOR, submitter=stranger)
    sync()
    votes = {v.voter: v for v in gov.votes(p.id)}
    assert votes[member(4).id].support is Support.FOR and votes[member(4).id].source.value == "wallet"
    assert gov.verify(p.id).passed


@pytest.mark.parametrize("connection", ["py-evm"], indirect=True)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(casts=st.lists(st.tuples(st.integers(0, 15), st.sampled_from(list(Support))), min_size=1, max_size=30),
       relay_every=st.integers(1, 10))
def test_on_chain_tally_equals_database_tally(chain_gov, sync, casts, relay_every):
    gov = chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "P", "text").id, member(0))
    for i, (voter, support) in enumerate(casts):
        gov.vote(p.id, member(voter), support)
        if i % relay_every == 0:
            sync()
    sync()
    assert gov.ledger.proposal(GUILD, p.id).tally == gov.tally(p.id).tally


def test_a_contract_wallet_links_through_erc1271(chain_gov, sync, connection):
    """A Safe-like wallet proves control with isValidSignature, then its ballots count."""
    from eth_account import Account
    from eth_account.messages import encode_defunct

    from governance.adapters.chain.wallet_proof import link_message
    from governance.bootstrap import chain_sandbox
    from tests.integration.chain.helpers import deploy
    from tests.integration.ledger.conftest import ANVIL_SECOND_KEY

    gov = chain_gov
    owner = Account.create()
    funder = connection.w3.eth.accounts[0]  # both py-evm and anvil unlock their dev accounts
    wallet = deploy(connection.w3, "MockERC1271Wallet", owner.address, sender=funder)
    proposal = gov.publish(gov.create_draft(GUILD, member(0), "Bench", "A bench.").id, member(0))
    message = encode_defunct(text=link_message(GUILD, member(6).id, wallet.address))
    signature = Account.sign_message(message, owner.key).signature.to_0x_hex()
    gov.link_wallet(GUILD, member(6), wallet.address, signature)
    sync()
    deployment = gov.chain.relayer.store.deployment(GUILD)
    ledger = connection.w3.eth.contract(address=deployment.address, abi=gov.chain.reader.abi)
    index = gov.chain.relayer.store.voters(GUILD, [member(6).id])[member(6).id].voter_index
    assert ledger.functions.walletVoterIndex(wallet.address).call() == index
    submitter = None if connection.embedded else Account.from_key(ANVIL_SECOND_KEY)
    chain_sandbox(gov).cast_signed_ballot(GUILD, owner, proposal.id, Support.AGAINST, submitter=submitter,
                                          voter=wallet.address)  # the owner's key signs for the contract wallet
    sync()
    assert {v.voter: v.support for v in gov.votes(proposal.id)}[member(6).id] is Support.AGAINST
    with pytest.raises(Exception, match="does not prove control"):
        gov.link_wallet(GUILD, member(7), wallet.address, Account.sign_message(
            encode_defunct(text=link_message(GUILD, member(7).id, wallet.address)), Account.create().key
        ).signature.to_0x_hex())

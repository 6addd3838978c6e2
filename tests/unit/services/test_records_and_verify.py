"""What goes on-chain and how verify compares it, on the in-memory unit of work with a ledger that
holds exactly what was relayed (tests/fakes/ledger.py)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from governance.application import Governance
from governance.domain import Support
from governance.domain.outbox import RecordKind
from governance.errors import InvalidInput, InvalidState, Unavailable
from governance.services import chain_votes
from governance.services.verification import Check
from tests.conftest import GUILD, member
from tests.fakes.ledger import relay
from tests.fakes.unit_of_work import InMemoryUnitOfWork
from tests.unit.services.conftest import PerfectChain


@pytest.fixture
def round_(chain_gov, community, clock):
    p = chain_gov.create_draft(community.id, member(0), "Lights", "Solar lights for the path.")
    chain_gov.revise(p.id, member(0), body="Solar lights for the whole path.")
    p = chain_gov.publish(p.id, member(0), eligible_count=10)
    for n, support in enumerate([Support.FOR, Support.FOR, Support.AGAINST]):
        chain_gov.vote(p.id, member(n), support)
    return p


def checks(report):
    return {item.name: item.check for item in report.items}


def test_what_was_relayed_verifies_and_the_rest_is_pending(chain_gov, round_, database):
    pending = checks(chain_gov.verify(round_.id))
    assert set(pending.values()) == {Check.PASS, Check.PENDING}  # stored texts match; nothing on-chain yet
    relay(database)
    report = chain_gov.verify(round_.id)
    assert report.passed, report.items
    assert checks(report)["votes"] is Check.PASS and checks(report)["tally"] is Check.PASS


def test_a_vote_edited_behind_the_bots_back_fails_verify(chain_gov, round_, database):
    relay(database)
    key = (round_.id, member(2).id)
    database.state.votes[key] = dataclasses.replace(database.state.votes[key], support=Support.FOR)
    failed = [name for name, check in checks(chain_gov.verify(round_.id)).items() if check is Check.FAIL]
    assert failed == ["votes", f"vote of {member(2).id}", "tally"]


def test_a_text_edited_behind_the_bots_back_fails_verify(chain_gov, round_, database):
    relay(database)
    stored = database.state.proposals[round_.id]
    stored.revisions[0] = dataclasses.replace(stored.revisions[0], body="A bench by the lake.")
    failed = [name for name, check in checks(chain_gov.verify(round_.id)).items() if check is Check.FAIL]
    assert failed == ["revision 1 text", "revision 1 on-chain"]


def test_closing_records_the_outcome_and_verify_compares_it(chain_gov, round_, clock, database):
    clock.advance(timedelta(days=8))
    chain_gov.close(round_.id)
    relay(database)
    assert chain_gov.verify(round_.id).passed
    assert chain_gov.recorded_tally(round_) == chain_gov.tally(round_.id).tally


def test_no_chain_no_verify(gov, active):
    with pytest.raises(Unavailable):
        gov.verify(active.id)
    assert gov.recorded_tally(active) is None and gov.vote_transaction(active.id, member(1).id, 0) is None


class ProvingChain(PerfectChain):
    def proves_wallet(self, community_id: int, voter: str, wallet: str, signature: str) -> bool:
        return signature == "0xgood"


def test_a_wallet_links_once_and_only_with_proof(community, database, clock):
    chain_gov = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, chain=ProvingChain(database))
    wallet = "0x" + "ab" * 20
    with pytest.raises(InvalidInput, match="does not prove control"):
        chain_gov.link_wallet(community.id, member(1), wallet, "0xforged")
    with pytest.raises(InvalidInput, match="not a wallet address"):
        chain_gov.link_wallet(community.id, member(1), "0x12", "0xgood")
    chain_gov.link_wallet(community.id, member(1), wallet, "0xgood")
    with pytest.raises(InvalidState, match="already linked"):
        chain_gov.link_wallet(community.id, member(1), wallet.upper().replace("0X", "0x"), "0xgood")
    with chain_gov.uow() as uow:
        assert uow.outbox.get(f"link:{GUILD}:{wallet}").kind is RecordKind.LINK


def test_a_signed_ballot_counts_until_the_deadline_and_once(gov, active, clock):
    receipt = chain_votes.record_signed_vote(gov.uow(), proposal_id=active.id, voter=member(1).id,
                                             support=Support.AGAINST, cast_at=clock.now(), block=7, now=clock.now())
    assert receipt.vote.source.value == "wallet" and receipt.previous is None
    again = chain_votes.record_signed_vote(gov.uow(), proposal_id=active.id, voter=member(1).id,
                                           support=Support.AGAINST, cast_at=clock.now(), block=7, now=clock.now())
    late = chain_votes.record_signed_vote(gov.uow(), proposal_id=active.id, voter=member(2).id,
                                          support=Support.FOR, cast_at=active.deadline, block=8, now=clock.now())
    assert again is None and late is None  # read again after a restart; after the deadline
    assert [(v.voter, v.support) for v in gov.votes(active.id)] == [(member(1).id, Support.AGAINST)]


def test_a_signed_ballot_is_never_written_into_a_closed_proposal(gov, active, clock):
    """Mined before the deadline, read after the proposal closed: refused (and an alert), never counted."""
    mined_at = active.deadline - timedelta(seconds=5)
    clock.set(active.deadline + timedelta(seconds=1))
    gov.close(active.id)
    late = chain_votes.record_signed_vote(gov.uow(), proposal_id=active.id, voter=member(3).id,
                                          support=Support.FOR, cast_at=mined_at, block=9, now=clock.now())
    assert late is None and gov.votes(active.id) == []


def test_an_older_ballot_never_replaces_a_newer_vote(gov, active, clock):
    gov.vote(active.id, member(1), Support.AGAINST)  # the member's latest act
    older = chain_votes.record_signed_vote(gov.uow(), proposal_id=active.id, voter=member(1).id,
                                           support=Support.FOR, cast_at=clock.now() - timedelta(minutes=1),
                                           block=5, now=clock.now())
    assert older is None
    assert [(v.support, v.source.value) for v in gov.votes(active.id)] == [(Support.AGAINST, "discord")]
    newer = chain_votes.record_signed_vote(gov.uow(), proposal_id=active.id, voter=member(1).id,
                                           support=Support.FOR, cast_at=clock.now() + timedelta(minutes=1),
                                           block=6, now=clock.now())
    assert newer.previous is Support.AGAINST and newer.vote.source.value == "wallet"

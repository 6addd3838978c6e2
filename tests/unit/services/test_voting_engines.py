"""The voting-engine port on both engines, through the application object: Folkmoot's ledger (on the
in-memory unit of work) and a followed Governor (on the in-memory FollowedGovernors port). The
same calls answer for either; the community's engine is chosen by whether it follows a Governor."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.application import Governance
from governance.domain import Support
from governance.domain.engines import MEMBERS, EngineKind, Units
from governance.errors import InvalidState, NotAllowed, NotFound, ProposalNotFound, Unavailable
from governance.services.verification import Check
from tests.conftest import GUILD, START, member
from tests.fakes.governors import UNIT, FakeGovernors, proposal
from tests.fakes.unit_of_work import InMemoryUnitOfWork

DAO = 900_000_000_000_000_077


@pytest.fixture
def governors() -> FakeGovernors:
    return FakeGovernors()


@pytest.fixture
def both(database, clock, governors, admin, community) -> Governance:
    """One app: GUILD votes in Folkmoot's ledger, DAO follows a Governor."""
    gov = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, governors=governors)
    gov.setup_community(DAO, "A DAO", admin)
    governors.follow(DAO)
    governors.add(DAO, proposal(1, "executed", opens=START - timedelta(days=9), title="Old grant"))
    governors.add(DAO, proposal(2, opens=START - timedelta(hours=1), title="Fund the docs"),
                  for_votes=1_200_000 * UNIT, against=250_000 * UNIT)
    return gov


def test_each_community_has_its_engine(both):
    assert both.engine(GUILD).kind is EngineKind.LEDGER
    assert both.engine(DAO).kind is EngineKind.GOVERNOR


def test_the_ledger_answers_the_port_in_members(both, active):
    both.vote(active.id, member(1), Support.FOR)
    shown = both.find_proposal(GUILD, f"#{active.id}")
    assert (shown.kind, shown.number, shown.engine_id, shown.state, shown.is_open) == (
        EngineKind.LEDGER, active.id, str(active.id), "active", True)
    assert shown.count.units == MEMBERS and shown.count.for_votes == 1 and shown.count.quorum == 3
    assert shown.window.ends_at == active.deadline and not shown.long_id
    assert [p.number for p in both.engine_proposals(GUILD, open_only=True)] == [active.id]
    assert [(h.number, h.state) for h in both.proposal_headings(GUILD)] == [(active.id, "open")]
    receipt = both.cast(shown, member(2), Support.AGAINST)
    assert receipt.vote.support is Support.AGAINST and both.tally(active.id).tally.against_votes == 1
    assert both.recorded_count(shown) is None  # no chain here
    with pytest.raises(Unavailable):
        both.verify_proposal(shown)
    with pytest.raises(ProposalNotFound):
        both.engine(GUILD).proposal(DAO, active.id)  # another community's number is not found there
    assert both.find_proposal(DAO, active.id).title == "Old grant"  # in the DAO, #1 is its Governor's


def test_a_governor_answers_the_same_calls_in_voting_power(both):
    shown = both.find_proposal(DAO, "#2")
    assert (shown.kind, shown.number, shown.state, shown.is_open, shown.long_id) == (
        EngineKind.GOVERNOR, 2, "active", True, True)
    assert shown.engine_id == str(10**70 + 2) and shown.author.startswith("0xabab")
    count = shown.count
    assert count.units == Units("FOLK", 18) and count.units.short(count.for_votes) == "1.2M FOLK"
    assert count.quorum_reached and f"{count.turnout:.2%}" == "145.00%"  # 1.45M cast of the 1M supply
    assert both.find_proposal(DAO, shown.engine_id).number == 2  # by the Governor's own id too
    assert [p.number for p in both.engine_proposals(DAO)] == [2, 1]
    assert [p.number for p in both.engine_proposals(DAO, open_only=True)] == [2]
    assert [(h.number, h.state) for h in both.proposal_headings(DAO)] == [(2, "open"), (1, "executed")]
    assert both.recorded_count(shown) == count  # the Governor counts on-chain: read back as it is
    report = both.verify_proposal(shown)
    assert report.subject == "Governor proposal #2" and [i.check for i in report.items] == [
        Check.PASS, Check.PASS, Check.PENDING]
    with pytest.raises(Unavailable, match="not available yet"):
        both.cast(shown, member(1), Support.FOR)  # #14: a signed ballot relayed to the Governor
    with pytest.raises(NotFound):
        both.find_proposal(DAO, 9)


def test_following_a_governor_changes_what_a_community_may_do(both, governors, admin, community):
    with pytest.raises(InvalidState, match="follows the Governor"):
        both.create_draft(DAO, member(1), "A ledger vote", "Not here: the DAO proposes on-chain.")
    with pytest.raises(NotAllowed):
        both.attach_governor(GUILD, member(1), "0x" + "11" * 20)
    draft = both.create_draft(GUILD, member(0), "Open vote", "Open for votes in the ledger.")
    both.publish(draft.id, member(0), eligible_count=10)
    with pytest.raises(InvalidState, match="close or withdraw them"):
        both.attach_governor(GUILD, admin, "0x" + "11" * 20)
    assert not both.follows_governor(GUILD)


def test_without_a_chain_nothing_follows_a_governor(gov, community, admin):
    assert gov.engine(GUILD).kind is EngineKind.LEDGER and gov.communities_following_governors() == []
    with pytest.raises(Unavailable, match="FOLKMOOT_CHAIN"):
        gov.attach_governor(GUILD, admin, "0x" + "11" * 20)

"""Use cases end to end on the real databases (each test runs on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.domain import Outcome, ProposalState, Support
from governance.domain.outbox import RecordKind
from governance.errors import (
    Conflict,
    InvalidInput,
    NotAllowed,
    NotEligible,
    ProposalNotFound,
    VotingClosed,
    VotingStillOpen,
)
from tests.conftest import member

pytestmark = pytest.mark.integration


def outbox_kinds(gov, proposal_id):
    with gov.uow() as uow:
        return [r.kind for r in uow.outbox.for_proposal(proposal_id)]


def test_a_whole_round(gov, community, clock):
    p = gov.create_draft(community.id, member(0), "Plant trees", "Ten oaks on the hill.")
    clock.advance(timedelta(hours=1))
    p = gov.revise(p.id, member(0), body="Twelve oaks on the hill.")
    assert [r.number for r in p.revisions] == [1, 2]
    p = gov.publish(p.id, member(0), eligible_count=10)
    assert p.state is ProposalState.ACTIVE and p.quorum_required == 3
    for n, support in enumerate([Support.FOR, Support.FOR, Support.AGAINST, Support.ABSTAIN]):
        gov.vote(p.id, member(n), support)
    receipt = gov.vote(p.id, member(2), Support.FOR, reason="Convinced")
    assert receipt.previous is Support.AGAINST
    view = gov.tally(p.id)
    assert (view.tally.for_votes, view.tally.against_votes, view.tally.abstain_votes) == (3, 0, 1)
    with pytest.raises(VotingStillOpen):
        gov.close(p.id)
    clock.advance(timedelta(days=3))
    with pytest.raises(VotingClosed):
        gov.vote(p.id, member(5), Support.FOR)
    result = gov.close(p.id)
    assert result.outcome is Outcome.PASSED
    stored = gov.show(p.id)
    assert stored.state is ProposalState.CLOSED and stored.final_tally == result.tally
    assert outbox_kinds(gov, p.id) == [
        RecordKind.REVISION, RecordKind.REVISION, RecordKind.OPEN,
        *[RecordKind.VOTE] * 5, RecordKind.CLOSE,
    ]


def test_revisions_keep_full_text_and_hash(gov, draft):
    body = "Ünïcödé ✓ — 新しい — " + "long text " * 3000
    gov.revise(draft.id, member(0), body=body)
    stored = gov.show(draft.id)
    assert stored.latest.body == body.strip()
    assert stored.revisions[0].body == "We need one for the park."
    assert stored.latest.content_hash != stored.revisions[0].content_hash


def test_unknown_proposal(gov, community):
    for bad in (0, -1, 999_999, 2**40):
        with pytest.raises(ProposalNotFound):
            gov.show(bad)


def test_only_eligible_members_vote(gov, active):
    with pytest.raises(NotEligible):
        gov.vote(active.id, member(1, 12345), Support.FOR)


def test_only_the_author_revises_or_publishes(gov, draft):
    with pytest.raises(NotAllowed):
        gov.revise(draft.id, member(1), body="hijacked")
    with pytest.raises(NotAllowed):
        gov.publish(draft.id, member(1))


def test_withdrawn_proposal_refuses_votes(gov, active):
    gov.withdraw(active.id, member(0))
    with pytest.raises(VotingClosed):
        gov.vote(active.id, member(1), Support.FOR)
    assert outbox_kinds(gov, active.id)[-1] is RecordKind.WITHDRAW


def test_oversize_reason_is_refused_and_nothing_written(gov, active):
    with pytest.raises(InvalidInput):
        gov.vote(active.id, member(1), Support.FOR, reason="x" * 501)
    assert gov.votes(active.id) == []


def test_change_and_its_outbox_record_commit_together(gov, draft, clock):
    """If the outbox record cannot be written, the revision is not stored either."""
    from governance.domain.outbox import OutboxRecord

    with gov.uow() as uow:  # occupy the key the next revision's record will use
        uow.outbox.add(OutboxRecord(kind=RecordKind.REVISION, key=f"revision:{draft.id}:2",
                                    payload={}, created_at=clock.now()))
        uow.commit()
    with pytest.raises(Conflict):
        gov.revise(draft.id, member(0), body="second version")
    assert len(gov.show(draft.id).revisions) == 1


def test_close_due_closes_only_expired(gov, community, clock):
    a = gov.publish(gov.create_draft(community.id, member(0), "A", "a").id, member(0),
                    voting_period=timedelta(hours=1))
    b = gov.publish(gov.create_draft(community.id, member(0), "B", "b").id, member(0),
                    voting_period=timedelta(days=2))
    clock.advance(timedelta(hours=2))
    closed = gov.close_due()
    assert [r.proposal_id for r in closed] == [a.id]
    assert closed[0].outcome is Outcome.NO_QUORUM
    assert gov.show(b.id).state is ProposalState.ACTIVE
    assert gov.close_due() == []


def test_list_filters_by_state(gov, community, active):
    gov.create_draft(community.id, member(0), "Another", "text")
    assert [p.id for p in gov.list(community.id, (ProposalState.ACTIVE,))] == [active.id]
    assert len(gov.list(community.id)) == 2


def test_configure_is_audited(gov, community, admin):
    from sqlmodel import select

    from governance.adapters.sql.tables import AuditRow

    gov.configure(community.id, admin, quorum="20%", threshold_bps=6000)
    with pytest.raises(NotAllowed):
        gov.configure(community.id, member(3), threshold_bps=1)
    assert gov.community(community.id).threshold_bps == 6000
    with gov.uow() as uow:
        rows = [(r.action, r.detail) for r in uow.session.exec(select(AuditRow).order_by(AuditRow.id))]
    assert [action for action, _ in rows] == ["setup", "configure"]
    assert rows[-1][1]["after"]["quorum"] == "20% of eligible members"


def test_reads_do_not_wait_for_a_writer(gov, active, engine):
    """/tally, /proposal show and digests read beside a long write (SQLite WAL: no write lock). A read
    that waited would fail here: the writer holds its lock until the reads are done."""
    from sqlalchemy import text

    writer = engine.connect()
    transaction = writer.begin()  # holds the write lock on SQLite, a row lock on PostgreSQL
    writer.execute(text("UPDATE community SET name = 'busy' WHERE id = :id"), {"id": active.community_id})
    try:
        assert gov.tally(active.id).tally.participants == 0
        assert gov.show(active.id).id == active.id
    finally:
        transaction.rollback()
        writer.close()

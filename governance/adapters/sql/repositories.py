"""Repositories over one SQL session. They flush, never commit: the unit of work does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from governance.adapters.sql import mapping
from governance.adapters.sql.tables import (
    AuditRow, CommunityRow, OutboxRow, ProposalRow, RevisionRow, VoteRow,
)
from governance.domain import Community, Proposal, ProposalState, Support, Tally, Vote
from governance.domain.outbox import OutboxRecord, RecordStatus


class SqlCommunities:
    def __init__(self, session: Session):
        self.session = session

    def get(self, community_id: int) -> Community | None:
        row = self.session.get(CommunityRow, community_id)
        return mapping.community_from_row(row) if row else None

    def add(self, community: Community) -> None:
        self.session.add(mapping.community_to_row(community))
        self.session.flush()

    def save(self, community: Community) -> None:
        row = self.session.get(CommunityRow, community.id)
        self.session.add(mapping.community_to_row(community, row))
        self.session.flush()

    def list(self) -> list[Community]:
        rows = self.session.exec(select(CommunityRow).order_by(CommunityRow.id)).all()
        return [mapping.community_from_row(r) for r in rows]


class SqlProposals:
    def __init__(self, session: Session):
        self.session = session

    def _load(self, row: ProposalRow | None) -> Proposal | None:
        if row is None:
            return None
        revisions = self.session.exec(
            select(RevisionRow).where(RevisionRow.proposal_id == row.id)
        ).all()
        return mapping.proposal_from_row(row, list(revisions))

    def get(self, proposal_id: int) -> Proposal | None:
        return self._load(self.session.get(ProposalRow, proposal_id))

    def get_for_update(self, proposal_id: int) -> Proposal | None:
        stmt = select(ProposalRow).where(ProposalRow.id == proposal_id).with_for_update()
        return self._load(self.session.exec(stmt).first())

    def add(self, proposal: Proposal) -> None:
        row = mapping.proposal_to_row(proposal)
        self.session.add(row)
        self.session.flush()
        proposal.id = row.id
        self._add_revisions(proposal, after=0)

    def save(self, proposal: Proposal) -> None:
        row = self.session.get(ProposalRow, proposal.id)
        self.session.add(mapping.proposal_to_row(proposal, row))
        stored = self.session.exec(
            select(func.max(RevisionRow.number)).where(RevisionRow.proposal_id == proposal.id)
        ).one()
        self._add_revisions(proposal, after=stored or 0)

    def _add_revisions(self, proposal: Proposal, after: int) -> None:
        for revision in proposal.revisions:
            if revision.number > after:
                self.session.add(mapping.revision_to_row(proposal.id, revision))
        self.session.flush()

    def list(
        self, community_id: int | None = None, states: tuple[ProposalState, ...] = (), limit: int = 100
    ) -> list[Proposal]:
        stmt = select(ProposalRow)
        if community_id is not None:
            stmt = stmt.where(ProposalRow.community_id == community_id)
        if states:
            stmt = stmt.where(col(ProposalRow.state).in_([s.value for s in states]))
        rows = self.session.exec(stmt.order_by(col(ProposalRow.id).desc()).limit(limit)).all()
        return [self._load(r) for r in rows]

    def due_for_closing(self, now: datetime) -> list[int]:
        stmt = select(ProposalRow.id).where(
            ProposalRow.state == ProposalState.ACTIVE.value, col(ProposalRow.deadline) <= now
        )
        return list(self.session.exec(stmt.order_by(ProposalRow.id)).all())


class SqlVotes:
    def __init__(self, session: Session):
        self.session = session

    def _row(self, proposal_id: int, voter: str, lock: bool = False) -> VoteRow | None:
        stmt = select(VoteRow).where(VoteRow.proposal_id == proposal_id, VoteRow.voter == voter)
        if lock:  # a second click by the same member waits here, then sees the first one's vote
            stmt = stmt.with_for_update().execution_options(populate_existing=True)
        return self.session.exec(stmt).first()

    def get(self, proposal_id: int, voter: str, lock: bool = False) -> Vote | None:
        row = self._row(proposal_id, voter, lock)
        return mapping.vote_from_row(row) if row else None

    def put(self, vote: Vote) -> None:
        row = self._row(vote.proposal_id, vote.voter) or VoteRow(
            proposal_id=vote.proposal_id, voter=vote.voter
        )
        row.support = int(vote.support)
        row.reason = vote.reason
        row.cast_at = vote.cast_at
        row.changes = vote.changes
        row.source = vote.source.value
        self.session.add(row)
        self.session.flush()

    def tally(self, proposal_id: int) -> Tally:
        stmt = (
            select(VoteRow.support, func.count())
            .where(VoteRow.proposal_id == proposal_id)
            .group_by(VoteRow.support)
        )
        return Tally.from_counts({Support(s): n for s, n in self.session.exec(stmt).all()})

    def list(self, proposal_id: int) -> list[Vote]:
        stmt = select(VoteRow).where(VoteRow.proposal_id == proposal_id).order_by(VoteRow.id)
        return [mapping.vote_from_row(r) for r in self.session.exec(stmt).all()]


class SqlOutbox:
    def __init__(self, session: Session):
        self.session = session

    def add(self, record: OutboxRecord) -> None:
        row = mapping.outbox_to_row(record)
        self.session.add(row)
        self.session.flush()
        record.id = row.id

    def pending(self, limit: int = 100) -> list[OutboxRecord]:
        stmt = (
            select(OutboxRow)
            .where(OutboxRow.status != RecordStatus.CONFIRMED.value)
            .order_by(OutboxRow.id)
            .limit(limit)
        )
        return [mapping.outbox_from_row(r) for r in self.session.exec(stmt).all()]

    def for_proposal(self, proposal_id: int) -> list[OutboxRecord]:
        stmt = select(OutboxRow).where(OutboxRow.proposal_id == proposal_id).order_by(OutboxRow.id)
        return [mapping.outbox_from_row(r) for r in self.session.exec(stmt).all()]


class SqlAudit:
    def __init__(self, session: Session):
        self.session = session

    def add(self, community_id: int, actor: str, action: str, detail: dict[str, Any], at: datetime) -> None:
        self.session.add(AuditRow(community_id=community_id, actor=actor, action=action, detail=detail, at=at))
        self.session.flush()

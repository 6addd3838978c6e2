"""Repositories over one SQL session. They flush, never commit: the unit of work does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, update
from sqlmodel import Session, col, select

from governance.adapters.sql import mapping
from governance.adapters.sql.tables import (
    AnnouncementRow,
    AuditRow,
    CommunityRow,
    ProposalRow,
    RevisionRow,
    VoteRow,
)
from governance.domain import Community, Proposal, ProposalState, Support, Tally, Vote
from governance.domain.announcements import Announcement


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
        return self._load_many([row])[0]

    def _load_many(self, rows: list[ProposalRow]) -> list[Proposal]:
        """Proposals with their revisions, in two queries however many there are."""
        revisions: dict[int, list[RevisionRow]] = {row.id: [] for row in rows}
        if rows:
            stmt = select(RevisionRow).where(col(RevisionRow.proposal_id).in_(list(revisions)))
            for revision in self.session.exec(stmt).all():
                revisions[revision.proposal_id].append(revision)
        return [mapping.proposal_from_row(row, revisions[row.id]) for row in rows]

    def get(self, proposal_id: int, with_revisions: bool = True) -> Proposal | None:
        row = self.session.get(ProposalRow, proposal_id)
        if row is None or with_revisions:
            return self._load(row)
        return mapping.proposal_from_row(row, [])  # voting needs the rules and deadline, not the text

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
        return self._load_many(list(rows))

    def due_for_closing(self, now: datetime) -> list[int]:
        stmt = select(ProposalRow.id).where(
            ProposalRow.state == ProposalState.ACTIVE.value, col(ProposalRow.deadline) <= now
        )
        return list(self.session.exec(stmt.order_by(ProposalRow.id)).all())


class SqlVotes:
    def __init__(self, session: Session):
        self.session = session
        self._loaded: dict[tuple[int, str], VoteRow | None] = {}  # rows read by get(), reused by put()

    def _row(self, proposal_id: int, voter: str, lock: bool = False) -> VoteRow | None:
        stmt = select(VoteRow).where(VoteRow.proposal_id == proposal_id, VoteRow.voter == voter)
        if lock:  # a second click by the same member waits here, then sees the first one's vote
            stmt = stmt.with_for_update().execution_options(populate_existing=True)
        row = self.session.exec(stmt).first()
        self._loaded[(proposal_id, voter)] = row
        return row

    def get(self, proposal_id: int, voter: str, lock: bool = False) -> Vote | None:
        row = self._row(proposal_id, voter, lock)
        return mapping.vote_from_row(row) if row else None

    def get_many(self, proposal_id: int, voters: list[str], lock: bool = False) -> dict[str, Vote]:
        found: dict[str, Vote] = {}
        for start in range(0, len(voters), 500):
            chunk = voters[start:start + 500]
            stmt = select(VoteRow).where(VoteRow.proposal_id == proposal_id, col(VoteRow.voter).in_(chunk))
            if lock:
                stmt = stmt.with_for_update().execution_options(populate_existing=True)
            rows = {row.voter: row for row in self.session.exec(stmt).all()}
            for voter in chunk:
                self._loaded[(proposal_id, voter)] = rows.get(voter)
            found.update({voter: mapping.vote_from_row(row) for voter, row in rows.items()})
        return found

    def put_many(self, votes: list[Vote]) -> None:
        """Bulk insert of first votes and bulk update of changed ones (one statement each)."""
        inserts, updates = [], []
        for vote in votes:
            values = dict(proposal_id=vote.proposal_id, voter=vote.voter, support=int(vote.support),
                          reason=vote.reason, cast_at=vote.cast_at, changes=vote.changes,
                          source=vote.source.value)
            row = self._loaded.get((vote.proposal_id, vote.voter))
            (updates.append({"id": row.id, **values}) if row is not None else inserts.append(values))
        if inserts:
            self.session.execute(insert(VoteRow), inserts)
        if updates:
            self.session.execute(update(VoteRow), updates)

    def put(self, vote: Vote) -> None:
        key = (vote.proposal_id, vote.voter)
        row = self._loaded[key] if key in self._loaded else self._row(*key)
        row = row or VoteRow(proposal_id=vote.proposal_id, voter=vote.voter)
        row.support = int(vote.support)
        row.reason = vote.reason
        row.cast_at = vote.cast_at
        row.changes = vote.changes
        row.source = vote.source.value
        self.session.add(row)
        self._loaded[key] = row

    def tally(self, proposal_id: int) -> Tally:
        stmt = (
            select(VoteRow.support, func.count())
            .where(VoteRow.proposal_id == proposal_id)
            .group_by(VoteRow.support)
        )
        return Tally.from_counts({Support(s): n for s, n in self.session.exec(stmt).all()})

    def tallies(self, proposal_ids: list[int]) -> dict[int, Tally]:
        """Tallies of many proposals in one grouped query (the digest's hot path)."""
        counts: dict[int, dict[Support, int]] = {pid: {} for pid in proposal_ids}
        if proposal_ids:
            stmt = (
                select(VoteRow.proposal_id, VoteRow.support, func.count())
                .where(col(VoteRow.proposal_id).in_(proposal_ids))
                .group_by(VoteRow.proposal_id, VoteRow.support)
            )
            for pid, support, n in self.session.exec(stmt).all():
                counts[pid][Support(support)] = n
        return {pid: Tally.from_counts(c) for pid, c in counts.items()}

    def voters(self, proposal_id: int) -> set[str]:
        stmt = select(VoteRow.voter).where(VoteRow.proposal_id == proposal_id)
        return set(self.session.exec(stmt).all())

    def list(self, proposal_id: int) -> list[Vote]:
        stmt = select(VoteRow).where(VoteRow.proposal_id == proposal_id).order_by(VoteRow.id)
        return [mapping.vote_from_row(r) for r in self.session.exec(stmt).all()]


class SqlAudit:
    def __init__(self, session: Session):
        self.session = session

    def add(self, community_id: int, actor: str, action: str, detail: dict[str, Any], at: datetime) -> None:
        self.session.add(AuditRow(community_id=community_id, actor=actor, action=action, detail=detail, at=at))
        self.session.flush()


class SqlAnnouncements:
    def __init__(self, session: Session):
        self.session = session

    def put(self, announcement: Announcement) -> None:
        self.session.merge(AnnouncementRow(**vars(announcement)))
        self.session.flush()

    def get(self, proposal_id: int) -> Announcement | None:
        row = self.session.get(AnnouncementRow, proposal_id)
        return Announcement(row.proposal_id, row.channel_id, row.message_id, row.posted_at) if row else None

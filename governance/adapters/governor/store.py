"""The database side of following a Governor. Each indexed block range is stored in one
transaction together with the cursor, so a crash leaves either the whole range or none of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, delete, func, update
from sqlmodel import Session, col, select

from governance.adapters.sql.governor_tables import (
    FollowedGovernorRow,
    GovernorAnnouncementRow,
    GovernorBlockRow,
    GovernorEventRow,
    GovernorProposalRow,
    GovernorVoteRow,
)

KEPT_BLOCK_HASHES = 256  # per Governor: reorgs deeper than this re-index from the start


@dataclass
class IndexedRange:
    """Everything read from one block range, stored at once."""

    end: int
    blocks: dict[int, str] = field(default_factory=dict)  # number → hash
    proposals: list[GovernorProposalRow] = field(default_factory=list)
    votes: list[GovernorVoteRow] = field(default_factory=list)
    events: list[GovernorEventRow] = field(default_factory=list)


class GovernorStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # attachments
    def attach(self, row: FollowedGovernorRow) -> FollowedGovernorRow:
        with self.session() as s:
            s.add(row)
            s.commit()
            return row

    def replace_profile(self, governor_id: int, **values) -> FollowedGovernorRow:
        with self.session() as s:
            row = s.get(FollowedGovernorRow, governor_id)
            for name, value in values.items():
                setattr(row, name, value)
            s.add(row)
            s.commit()
            return row

    def of_community(self, community_id: int) -> FollowedGovernorRow | None:
        with self.session() as s:
            return s.exec(select(FollowedGovernorRow).where(FollowedGovernorRow.community_id == community_id)).first()

    def all(self) -> list[FollowedGovernorRow]:
        with self.session() as s:
            return list(s.exec(select(FollowedGovernorRow).order_by(FollowedGovernorRow.id)).all())

    def get(self, governor_id: int) -> FollowedGovernorRow | None:
        with self.session() as s:
            return s.get(FollowedGovernorRow, governor_id)

    # indexing
    def recent_blocks(self, governor_id: int) -> list[tuple[int, str]]:
        """Stored block hashes, newest first."""
        with self.session() as s:
            stmt = (select(GovernorBlockRow.number, GovernorBlockRow.hash)
                    .where(GovernorBlockRow.governor_id == governor_id).order_by(col(GovernorBlockRow.number).desc()))
            return [(n, h) for n, h in s.exec(stmt).all()]

    def store_range(self, governor_id: int, batch: IndexedRange) -> None:
        with self.session() as s:
            last = s.exec(select(func.max(GovernorProposalRow.number))
                          .where(GovernorProposalRow.governor_id == governor_id)).one()
            for offset, proposal in enumerate(batch.proposals, 1):  # in the order they were created
                proposal.number = (last or 0) + offset
            for row in (*batch.proposals, *batch.votes, *batch.events):
                s.add(row)
            for number, block_hash in batch.blocks.items():
                s.merge(GovernorBlockRow(governor_id=governor_id, number=number, hash=block_hash))
            s.exec(update(FollowedGovernorRow).where(FollowedGovernorRow.id == governor_id)
                   .values(cursor_block=batch.end))
            s.flush()
            keep_from = s.exec(select(GovernorBlockRow.number).where(GovernorBlockRow.governor_id == governor_id)
                               .order_by(col(GovernorBlockRow.number).desc()).offset(KEPT_BLOCK_HASHES)).first()
            if keep_from is not None:
                s.exec(delete(GovernorBlockRow).where(GovernorBlockRow.governor_id == governor_id,
                                                      GovernorBlockRow.number <= keep_from))
            s.commit()

    def roll_back(self, governor_id: int, to_block: int) -> int:
        """Forgets everything read after `to_block` (a reorg replaced it); returns the rows removed."""
        removed = 0
        with self.session() as s:
            for table in (GovernorProposalRow, GovernorVoteRow, GovernorEventRow, GovernorBlockRow):
                column = table.number if table is GovernorBlockRow else table.block_number
                result = s.exec(delete(table).where(table.governor_id == governor_id, column > to_block))
                removed += result.rowcount or 0
            s.exec(update(FollowedGovernorRow).where(FollowedGovernorRow.id == governor_id)
                   .values(cursor_block=to_block))
            s.commit()
        return removed

    # reading
    def proposals(self, governor_id: int, limit: int = 25, offset: int = 0) -> list[GovernorProposalRow]:
        with self.session() as s:
            stmt = (select(GovernorProposalRow).where(GovernorProposalRow.governor_id == governor_id)
                    .order_by(col(GovernorProposalRow.block_number).desc(), col(GovernorProposalRow.log_index).desc())
                    .offset(offset).limit(limit))
            return list(s.exec(stmt).all())

    def proposal(self, governor_id: int, proposal_id: str) -> GovernorProposalRow | None:
        with self.session() as s:
            return s.get(GovernorProposalRow, (governor_id, proposal_id))

    def by_number(self, governor_id: int, number: int) -> GovernorProposalRow | None:
        with self.session() as s:
            return s.exec(select(GovernorProposalRow).where(GovernorProposalRow.governor_id == governor_id,
                                                            GovernorProposalRow.number == number)).first()

    def votes(self, governor_id: int, proposal_id: str) -> list[GovernorVoteRow]:
        with self.session() as s:
            stmt = (select(GovernorVoteRow).where(GovernorVoteRow.governor_id == governor_id,
                                                  GovernorVoteRow.proposal_id == proposal_id)
                    .order_by(GovernorVoteRow.block_number, GovernorVoteRow.log_index))
            return list(s.exec(stmt).all())

    def events(self, governor_id: int, proposal_id: str | None = None, since: datetime | None = None
               ) -> list[GovernorEventRow]:
        with self.session() as s:
            stmt = select(GovernorEventRow).where(GovernorEventRow.governor_id == governor_id)
            if proposal_id is not None:
                stmt = stmt.where(GovernorEventRow.proposal_id == proposal_id)
            if since is not None:
                stmt = stmt.where(GovernorEventRow.at > since)
            return list(s.exec(stmt.order_by(GovernorEventRow.block_number, GovernorEventRow.log_index)).all())

    def latest_events(self, governor_id: int) -> dict[str, str]:
        """Each proposal's latest lifecycle event after its creation (queued, executed, canceled)."""
        with self.session() as s:
            stmt = (select(GovernorEventRow.proposal_id, GovernorEventRow.kind)
                    .where(GovernorEventRow.governor_id == governor_id, GovernorEventRow.kind != "created")
                    .order_by(GovernorEventRow.block_number, GovernorEventRow.log_index))
            return {pid: kind for pid, kind in s.exec(stmt).all()}

    def votes_since(self, governor_id: int, since: datetime) -> list[GovernorVoteRow]:
        with self.session() as s:
            stmt = (select(GovernorVoteRow).where(GovernorVoteRow.governor_id == governor_id,
                                                  GovernorVoteRow.cast_at > since)
                    .order_by(GovernorVoteRow.block_number, GovernorVoteRow.log_index))
            return list(s.exec(stmt).all())

    def counts(self, governor_id: int) -> dict[str, int]:
        with self.session() as s:
            return {
                "proposals": s.exec(select(func.count()).select_from(GovernorProposalRow)
                                    .where(GovernorProposalRow.governor_id == governor_id)).one(),
                "votes": s.exec(select(func.count()).select_from(GovernorVoteRow)
                                .where(GovernorVoteRow.governor_id == governor_id)).one(),
                "events": s.exec(select(func.count()).select_from(GovernorEventRow)
                                 .where(GovernorEventRow.governor_id == governor_id)).one(),
            }

    # where proposals were announced
    def put_announcement(self, row: GovernorAnnouncementRow) -> None:
        with self.session() as s:
            s.merge(row)
            s.commit()

    def announcement(self, governor_id: int, proposal_id: str) -> GovernorAnnouncementRow | None:
        with self.session() as s:
            return s.get(GovernorAnnouncementRow, (governor_id, proposal_id))

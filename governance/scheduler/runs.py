"""The run ledger: every scheduled post is recorded under a unique key before it is sent.

Claiming is one INSERT … ON CONFLICT DO NOTHING: the instance whose row went in
posts, every other (a retry, a restart, a second bot) sees no row inserted and
stays quiet. A crash between claim and post loses that one post rather than
ever doubling it: Discord messages cannot be taken back, a missed one can be
asked for (`/digest now`).
"""

from __future__ import annotations

import enum
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, String, and_, cast, exists, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite

from governance.adapters.sql.schedule_tables import ScheduleRunRow
from governance.adapters.sql.tables import ProposalRow
from governance.domain import ProposalState

RESULT = "result"  # the kind of a result announcement


class RunStatus(str, enum.Enum):
    CLAIMED = "claimed"  # recorded; posting in progress (or lost in a crash)
    POSTED = "posted"
    FAILED = "failed"  # the publisher raised; not retried, so never doubled
    SKIPPED = "skipped"  # missed by more than the grace window


@dataclass(frozen=True)
class RunKey:
    community_id: int
    kind: str
    scheduled_for: datetime
    subject: str = ""  # "" for the community itself, "proposal:12", "proposal:12/member:34"


def this_instance() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class RunStore:
    def __init__(self, engine: Engine, instance: str | None = None):
        self.engine = engine
        self.instance = instance or this_instance()
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert

    def claim(self, key: RunKey, now: datetime, status: RunStatus = RunStatus.CLAIMED,
              detail: str | None = None) -> bool:
        """True if this call recorded the run; False if someone already had."""
        finished = now if status is not RunStatus.CLAIMED else None
        statement = self._insert(ScheduleRunRow.__table__).values(
            community_id=key.community_id, kind=key.kind, subject=key.subject,
            scheduled_for=key.scheduled_for, status=status.value, claimed_by=self.instance,
            claimed_at=now, finished_at=finished, detail=detail,
        ).on_conflict_do_nothing().returning(ScheduleRunRow.__table__.c.id)
        with self.engine.begin() as connection:  # a row comes back only if this insert went in
            return connection.execute(statement).first() is not None

    def finish(self, key: RunKey, status: RunStatus, now: datetime,
               detail: str | None = None) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(ScheduleRunRow.__table__).where(*_matches(key)).values(
                status=status.value, finished_at=now, detail=detail))

    def latest(self, community_id: int, kind: str, statuses: Iterable[RunStatus] = (),
               subject: str | None = None) -> datetime | None:
        """The newest scheduled time recorded for the community and kind (optionally narrowed)."""
        t = ScheduleRunRow.__table__.c
        query = select(func.max(t.scheduled_for)).where(t.community_id == community_id,
                                                        t.kind == kind)
        if subject is not None:
            query = query.where(t.subject == subject)
        if statuses:
            query = query.where(t.status.in_([s.value for s in statuses]))
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    def recorded_subjects(self, kind: str, subjects: list[str]) -> set[str]:
        """Which of these subjects have a run of this kind already (a cheap check before claims)."""
        if not subjects:
            return set()
        t = ScheduleRunRow.__table__.c
        query = select(t.subject).where(t.kind == kind, t.subject.in_(subjects))
        with self.engine.connect() as connection:
            return set(connection.execute(query).scalars())

    def closed_without_result(self, since: datetime) -> list[int]:
        """Proposals closed since `since` whose result no instance has announced yet."""
        p, r = ProposalRow.__table__.c, ScheduleRunRow.__table__.c
        subject = literal("proposal:", String) + cast(p.id, String)
        announced = exists().where(and_(r.kind == RESULT, r.community_id == p.community_id,
                                        r.subject == subject))
        query = (select(p.id)
                 .where(p.state == ProposalState.CLOSED.value, p.closed_at >= since, ~announced)
                 .order_by(p.id))
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())


def proposal_subject(proposal_id: int, member_id: int | None = None) -> str:
    return f"proposal:{proposal_id}" + (f"/member:{member_id}" if member_id is not None else "")


def _matches(key: RunKey) -> list:
    t = ScheduleRunRow.__table__.c
    return [t.community_id == key.community_id, t.kind == key.kind, t.subject == key.subject,
            t.scheduled_for == key.scheduled_for]

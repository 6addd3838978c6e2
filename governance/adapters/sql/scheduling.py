"""The scheduler's tables behind its ports, inside a unit of work: the run ledger and reminder
opt-ins (APScheduler's job store is job_store.py).

Claiming a run is one INSERT … ON CONFLICT DO NOTHING: the instance whose row went in posts,
every other (a retry, a restart, a second bot) sees no row inserted and stays quiet. A crash
between claim and post loses that one post rather than ever doubling it: Discord messages cannot
be taken back, a missed one can be asked for (`/digest now`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import String, and_, cast, delete, exists, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from governance.adapters.sql.schedule_tables import ReminderOptInRow, ScheduleRunRow
from governance.adapters.sql.tables import ProposalRow
from governance.domain import ProposalState
from governance.domain.scheduled_runs import RESULT, RunKey, RunStatus

_runs = ScheduleRunRow.__table__
_opt_ins = ReminderOptInRow.__table__


def _insert(session: Session):
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


class SqlRunLedger:
    def __init__(self, session: Session):
        self.session = session

    def claim(self, key: RunKey, now: datetime, by: str, status: RunStatus | None = None,
              detail: str | None = None) -> bool:
        status = status or RunStatus.CLAIMED
        finished = now if status is not RunStatus.CLAIMED else None
        statement = _insert(self.session)(_runs).values(
            community_id=key.community_id, kind=key.kind, subject=key.subject,
            scheduled_for=key.scheduled_for, status=status.value, claimed_by=by,
            claimed_at=now, finished_at=finished, detail=detail,
        ).on_conflict_do_nothing().returning(_runs.c.id)
        return self.session.execute(statement).first() is not None  # a row only if it went in

    def finish(self, key: RunKey, status: RunStatus, now: datetime, detail: str | None = None) -> None:
        self.session.execute(update(_runs).where(*_matches(key)).values(
            status=status.value, finished_at=now, detail=detail))

    def latest(self, community_id: int, kind: str, statuses: Iterable[RunStatus] = (),
               subject: str | None = None) -> datetime | None:
        t = _runs.c
        query = select(func.max(t.scheduled_for)).where(t.community_id == community_id, t.kind == kind)
        if subject is not None:
            query = query.where(t.subject == subject)
        if statuses:
            query = query.where(t.status.in_([s.value for s in statuses]))
        return self.session.execute(query).scalar()

    def recorded_subjects(self, kind: str, subjects: list[str]) -> set[str]:
        if not subjects:
            return set()
        query = select(_runs.c.subject).where(_runs.c.kind == kind, _runs.c.subject.in_(subjects))
        return set(self.session.execute(query).scalars())

    def closed_without_result(self, since: datetime) -> list[int]:
        p, r = ProposalRow.__table__.c, _runs.c
        subject = literal("proposal:", String) + cast(p.id, String)
        announced = exists().where(and_(r.kind == RESULT, r.community_id == p.community_id,
                                        r.subject == subject))
        query = (select(p.id)
                 .where(p.state == ProposalState.CLOSED.value, p.closed_at >= since, ~announced)
                 .order_by(p.id))
        return list(self.session.execute(query).scalars())


def _matches(key: RunKey) -> list:
    t = _runs.c
    return [t.community_id == key.community_id, t.kind == key.kind, t.subject == key.subject,
            t.scheduled_for == key.scheduled_for]


class SqlReminderOptIns:
    def __init__(self, session: Session):
        self.session = session

    def opt_in(self, community_id: int, member_id: int, now: datetime) -> None:
        self.session.execute(_insert(self.session)(_opt_ins).values(
            community_id=community_id, member_id=member_id, opted_in_at=now).on_conflict_do_nothing())

    def opt_out(self, community_id: int, member_id: int) -> None:
        self.session.execute(delete(_opt_ins).where(_opt_ins.c.community_id == community_id,
                                                    _opt_ins.c.member_id == member_id))

    def members(self, community_id: int) -> set[int]:
        query = select(_opt_ins.c.member_id).where(_opt_ins.c.community_id == community_id)
        return set(self.session.execute(query).scalars())

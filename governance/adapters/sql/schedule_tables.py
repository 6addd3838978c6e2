"""Tables the scheduler keeps: its run ledger, reminder opt-ins, and APScheduler's job store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    LargeBinary,
    Text,
    Unicode,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from governance.adapters.sql.tables import _when


class ScheduleRunRow(SQLModel, table=True):
    """One scheduled post, recorded before it is sent: the unique key makes it happen once."""

    __tablename__ = "schedule_run"
    __table_args__ = (
        UniqueConstraint("community_id", "kind", "subject", "scheduled_for",
                         name="uq_schedule_run_key"),
        Index("ix_schedule_run_community_kind", "community_id", "kind", "scheduled_for"),
    )

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(max_length=20)  # digest, reminder_24h/1h, dm_24h/1h, result
    # "" (the community itself), "manual", "proposal:12", "proposal:12/member:34"
    subject: str = Field(default="", max_length=80)
    scheduled_for: datetime = _when()
    status: str = Field(max_length=10)  # claimed | posted | failed | skipped
    claimed_by: str = Field(max_length=120)  # host:pid of the instance that ran it
    claimed_at: datetime = _when()
    finished_at: datetime | None = _when(nullable=True)
    detail: str | None = Field(default=None, sa_column=Column(Text))


class ReminderOptInRow(SQLModel, table=True):
    """Members who asked for a direct message before a deadline when they have not voted."""

    __tablename__ = "reminder_opt_in"

    community_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    member_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    opted_in_at: datetime = _when()


class ScheduledJobRow(SQLModel, table=True):
    """APScheduler 3's SQLAlchemyJobStore table, declared here so migrations own it.

    Columns copy apscheduler.jobstores.sqlalchemy exactly; the store's own
    create-if-missing then finds it in place.
    """

    __tablename__ = "scheduler_job"

    id: str = Field(sa_column=Column(Unicode(191), primary_key=True))
    next_run_time: float | None = Field(default=None, sa_column=Column(Float(25), index=True))
    job_state: bytes = Field(sa_column=Column(LargeBinary, nullable=False))

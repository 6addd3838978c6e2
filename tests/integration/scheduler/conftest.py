"""Scheduler fixtures: a recording publisher and a runtime on the real databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from governance.adapters.sql.schedule_tables import ScheduleRunRow
from governance.scheduler import ScheduledPosts
from tests.conftest import member
from tests.fakes.publisher import RecordingPublisher

CHANNEL = 555


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
def runtime(gov, publisher) -> ScheduledPosts:
    return gov.scheduled_posts(publisher)


def add_community(
    gov,
    admin,
    community_id: int,
    cron: str = "0 9 * * mon",
    zone: str = "UTC",
    channel: int | None = CHANNEL,
    **settings,
):
    return gov.setup_community(
        community_id,
        f"Guild {community_id}",
        admin,
        digest_cron=cron,
        timezone=zone,
        digest_channel_id=channel,
        quorum=settings.pop("quorum", "3"),
        **settings,
    )


def open_proposal(
    gov, community_id: int, period: timedelta, title: str = "Plant trees", author: int = 0
):
    draft = gov.create_draft(community_id, member(author), title, "Ten oaks on the hill.")
    return gov.publish(draft.id, member(author), voting_period=period, eligible_count=10)


def runs(engine, kind: str | None = None, status: str | None = None) -> list[ScheduleRunRow]:
    with Session(engine) as session:
        query = select(ScheduleRunRow).order_by(ScheduleRunRow.scheduled_for, ScheduleRunRow.id)
        if kind:
            query = query.where(ScheduleRunRow.kind == kind)
        if status:
            query = query.where(ScheduleRunRow.status == status)
        return list(session.exec(query).all())


async def run_every(runtime, clock, until: datetime, step: timedelta) -> None:
    """The bot running: run_due() at each step of the clock up to `until`."""
    while clock.now() < until:
        clock.advance(step)
        await runtime.run_due()


UTC = UTC

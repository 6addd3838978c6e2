"""The real AsyncIOScheduler on the database job store: jobs are stored, fire, and survive a
restart.

APScheduler fires on wall time; the jobs then read the app's ManualClock, so
what they find due is under the test's control.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from governance.adapters.sql.schedule_tables import ScheduledJobRow
from governance.scheduler import registry
from tests.integration.scheduler.conftest import add_community, open_proposal

pytestmark = pytest.mark.integration

EIGHT_UTC = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # Monday 09:00 in Paris


def stored_jobs(engine) -> dict[str, float | None]:
    with Session(engine) as session:
        return {row.id: row.next_run_time for row in session.exec(select(ScheduledJobRow)).all()}


async def eventually(condition, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the scheduler did not get there in time")


async def test_jobs_are_stored_fire_and_survive_a_restart(gov, engine, clock, admin, publisher):
    clock.set(EIGHT_UTC + timedelta(minutes=10))
    add_community(gov, admin, 1, "0 9 * * mon", "Europe/Paris")
    add_community(gov, admin, 2, channel=None)  # no digest channel: no digest job
    proposal = open_proposal(gov, 1, timedelta(minutes=1))
    clock.advance(timedelta(minutes=5))  # its deadline has passed
    options = dict(sweep_every=timedelta(seconds=0.2), heartbeat=timedelta(seconds=60))

    scheduler = gov.scheduler(publisher, **options)
    await scheduler.start()
    try:
        assert scheduler.leading
        await eventually(
            lambda: publisher.of_kind("result")
        )  # the sweep ran at once: closed, announced
        assert set(stored_jobs(engine)) == {"sweep", "digest:1"}
        scheduler.apscheduler.modify_job(
            "digest:1", next_run_time=datetime.now(UTC)
        )  # fire it now
        await eventually(lambda: publisher.of_kind("digest"))
        digest_job = scheduler.apscheduler.get_job("digest:1")
        assert digest_job.args == (1,) and "day_of_week='mon'" in str(digest_job.trigger)
        await eventually(
            lambda: stored_jobs(engine)["digest:1"] > datetime.now(UTC).timestamp()
        )
        next_digest = stored_jobs(engine)["digest:1"]
    finally:
        await scheduler.stop()
    assert not scheduler.leading
    with pytest.raises(LookupError):
        registry.active()
    assert stored_jobs(engine)["digest:1"] == next_digest  # still stored while no scheduler runs

    restarted = gov.scheduler(publisher, **options)  # a new process, as after a restart
    await restarted.start()
    try:
        await asyncio.sleep(0.5)  # the sweep runs again at start, and twice more
        assert set(stored_jobs(engine)) == {"sweep", "digest:1"}
        assert stored_jobs(engine)["digest:1"] == next_digest  # kept, not rescheduled from scratch
    finally:
        await restarted.stop()
    assert [post.target for post in publisher.of_kind("result")] == [proposal.id]  # announced once
    assert len(publisher.of_kind("digest")) == 1
    assert publisher.of_kind("digest")[0].chart_png is None  # nothing left open


async def test_a_changed_schedule_replaces_the_stored_job(gov, engine, clock, admin, publisher):
    add_community(gov, admin, 1, "0 9 * * mon", "UTC")
    scheduler = gov.scheduler(publisher, sweep_every=timedelta(hours=1), heartbeat=timedelta(hours=1))
    await scheduler.start()
    try:
        gov.configure(1, admin, digest_cron="0 18 * * fri", timezone="Asia/Tokyo")
        add_community(gov, admin, 2, "0 7 * * *", "UTC")
        await scheduler.refresh_jobs()
        jobs = {job.id: job for job in scheduler.apscheduler.get_jobs()}
        assert set(jobs) == {"sweep", "digest:1", "digest:2"}
        assert "fri" in str(jobs["digest:1"].trigger) and "Asia/Tokyo" in repr(
            jobs["digest:1"].trigger
        )
        gov.configure(2, admin, digest_channel_id=None)
        await scheduler.refresh_jobs()
        assert {job.id for job in scheduler.apscheduler.get_jobs()} == {"sweep", "digest:1"}
    finally:
        await scheduler.stop()


async def test_an_invalid_schedule_is_reported_once_and_gets_no_job(
    gov, engine, admin, publisher, caplog
):
    add_community(gov, admin, 1, "0 9 * * mon", "UTC")
    with engine.begin() as connection:  # a schedule saved before schedules were validated: no day 9
        connection.execute(text("UPDATE community SET digest_cron = '0 9 * * 9' WHERE id = 1"))
    scheduler = gov.scheduler(publisher, sweep_every=timedelta(hours=1), heartbeat=timedelta(hours=1))
    await scheduler.start()
    try:
        await scheduler.refresh_jobs()
        await scheduler.refresh_jobs()
        assert {job.id for job in scheduler.apscheduler.get_jobs()} == {"sweep"}
    finally:
        await scheduler.stop()
    reports = [r for r in caplog.records if "gets no digest" in r.getMessage()]
    assert len(reports) == 1 and "'0 9 * * 9'" in reports[0].getMessage()

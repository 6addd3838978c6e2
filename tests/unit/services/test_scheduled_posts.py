"""The scheduler's work on the in-memory unit of work: each digest, reminder, DM and result is
claimed in the run ledger before it is sent, so running twice posts nothing twice (the same on the
real databases and the real APScheduler: tests/integration/scheduler)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.domain import Support
from governance.domain.scheduled_runs import RunStatus
from governance.errors import CommunityNotFound
from governance.scheduler import ReminderWindow
from tests.conftest import START, member
from tests.fakes.publisher import RecordingPublisher

CHANNEL = 555


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
def posts(gov, publisher):
    return gov.scheduled_posts(publisher)


@pytest.fixture
def hourly(gov, admin):
    return gov.setup_community(1, "Hourly", admin, digest_cron="0 * * * *", digest_channel_id=CHANNEL, quorum="3")


def open_proposal(gov, period: timedelta):
    return gov.publish(gov.create_draft(1, member(0), "Plant trees", "Ten oaks.").id, member(0),
                       voting_period=period)


def runs(database, status: RunStatus | None = None) -> list[tuple[str, str]]:
    return [(k.kind, k.subject) for k, run in database.state.runs.items() if status in (None, run.status)]


async def test_reminders_results_and_dms_go_out_once(gov, posts, publisher, clock, hourly, database):
    proposal = open_proposal(gov, timedelta(days=2))
    for n in (1, 2):
        gov.remind_by_dm(1, 1000 + n, True)  # tests.conftest.member(n) is discord:<1000 + n>
    gov.vote(proposal.id, member(1), Support.FOR)
    clock.set(proposal.deadline - timedelta(hours=23))
    await posts.sweep()
    await posts.sweep()  # a retry, a restart or a second instance posts nothing more
    assert [p.detail for p in publisher.of_kind("reminder")] == [ReminderWindow.DAY]
    assert [p.target for p in publisher.of_kind("dm")] == [1002]  # member 1 has voted
    clock.set(proposal.deadline + timedelta(minutes=1))
    await posts.sweep()
    await posts.sweep()
    [result] = publisher.of_kind("result")
    assert result.target == proposal.id and result.detail.tally.for_votes == 1
    assert sorted(runs(database, RunStatus.POSTED)) == sorted([
        ("reminder_24h", f"proposal:{proposal.id}"), ("dm_24h", f"proposal:{proposal.id}/member:1002"),
        ("result", f"proposal:{proposal.id}")])


async def test_a_digest_is_posted_once_at_its_time_and_missed_ones_are_skipped(posts, publisher, clock, hourly,
                                                                              database):
    await posts.run_due()  # 09:00
    await posts.run_due()
    clock.advance(timedelta(hours=3, minutes=20))  # 10:00 and 11:00 missed; 12:00 within the grace
    await posts.run_due()
    assert [p.detail.since for p in publisher.of_kind("digest")] == [START - timedelta(days=7), START]
    assert runs(database, RunStatus.SKIPPED) == [("digest", "")]


async def test_a_digest_now_is_recorded_and_the_next_one_covers_the_time_since(gov, posts, publisher, clock,
                                                                              hourly, database):
    clock.advance(timedelta(minutes=30))
    shown = await gov.post_digest_now(1, publisher, record=False)  # a preview leaves no trace
    assert runs(database) == [] and shown.since == clock.now() - timedelta(days=7)  # the first digest
    posted = await gov.post_digest_now(1, publisher)
    assert runs(database, RunStatus.POSTED) == [("digest", "manual")]
    clock.advance(timedelta(minutes=30))  # 10:00
    await posts.run_due()
    assert publisher.of_kind("digest")[-1].detail.since == posted.generated_at
    with pytest.raises(CommunityNotFound):
        await gov.post_digest_now(99, publisher)

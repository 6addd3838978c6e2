"""A week of digests across communities and time zones: the right number at the right local
times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import member
from tests.integration.scheduler.conftest import (
    CHANNEL,
    add_community,
    open_proposal,
    run_every,
    runs,
)
from tests.unit.scheduler.test_chart import png_size

pytestmark = pytest.mark.integration

MONDAY = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)

SCHEDULES = {  # community: (cron, zone, expected local "weekday HH:MM" of each digest in the week)
    1: ("0 9 * * mon", "UTC", ["Mon 09:00"]),
    2: (
        "0 9 * * *",
        "Europe/Paris",
        [f"{d} 09:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")],
    ),
    3: (
        "30 17 * * 1-5",
        "America/New_York",
        [f"{d} 17:30" for d in ("Mon", "Tue", "Wed", "Thu", "Fri")],
    ),
    4: ("0 8 * * 0", "Asia/Kolkata", ["Sun 08:00"]),  # crontab's 0 is Sunday
}


async def test_a_week_of_digests(gov, runtime, publisher, clock, admin, engine):
    for community_id, (cron, zone, _) in SCHEDULES.items():
        add_community(gov, admin, community_id, cron, zone)
    add_community(gov, admin, 5, "0 * * * *", "UTC", channel=None)  # no digest channel: no digests
    clock.set(MONDAY)
    proposal = open_proposal(gov, 2, timedelta(days=10))
    gov.vote(proposal.id, member(1), 1)

    await run_every(runtime, clock, MONDAY + timedelta(days=7), timedelta(hours=1))

    for community_id, (_, zone, expected) in SCHEDULES.items():
        posted = [r for r in runs(engine, "digest", "posted") if r.community_id == community_id]
        local = [r.scheduled_for.astimezone(ZoneInfo(zone)).strftime("%a %H:%M") for r in posted]
        assert local == expected, community_id
    digests = publisher.of_kind("digest")
    assert len(digests) == sum(len(expected) for *_, expected in SCHEDULES.values())
    assert {post.target for post in digests} == {CHANNEL} and not runs(engine, "digest", "skipped")
    paris = [post for post in digests if post.community_id == 2]
    assert all(post.detail.open[0].tally.for_votes == 1 for post in paris)
    assert all(png_size(post.chart_png) for post in paris)
    assert all(
        post.chart_png is None for post in digests if post.community_id != 2
    )  # nothing open there


async def test_each_digest_covers_the_time_since_the_previous_one(
    gov, runtime, publisher, clock, admin
):
    add_community(gov, admin, 1, "0 9 * * *", "UTC")
    clock.set(MONDAY)
    await run_every(runtime, clock, MONDAY + timedelta(days=2, hours=10), timedelta(hours=1))
    first, second, third = (post.detail for post in publisher.of_kind("digest"))
    assert first.since == MONDAY + timedelta(hours=9) - timedelta(
        days=7
    )  # the very first looks back a week
    assert second.since == MONDAY + timedelta(hours=9)
    assert third.since == MONDAY + timedelta(days=1, hours=9)

"""Reminders 24 h and 1 h before a deadline; DMs to opted-in eligible members stop once they
vote."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from governance.domain import Support
from governance.scheduler.publisher import ReminderWindow
from tests.conftest import member
from tests.integration.scheduler.conftest import add_community, open_proposal, run_every, runs

pytestmark = pytest.mark.integration


def member_id(n: int) -> int:
    return 1000 + n  # tests.conftest.member(n) is discord:<1000 + n>


async def test_reminders_and_direct_messages_stop_for_members_who_voted(
    gov, runtime, publisher, clock, admin
):
    add_community(gov, admin, 1, channel=None)
    proposal = open_proposal(gov, 1, timedelta(days=3))
    for n in (1, 2, 3, 4):
        gov.remind_by_dm(1, member_id(n), True)
    gov.remind_by_dm(1, member_id(4), False)
    gov.remind_by_dm(1, member_id(5), True)
    publisher.eligible = {member_id(n) for n in (1, 2, 3, 4)}  # member 5 lost the voter role
    gov.vote(proposal.id, member(1), Support.FOR)
    step = timedelta(minutes=30)

    await run_every(runtime, clock, proposal.deadline - timedelta(hours=23), step)
    assert [post.detail for post in publisher.of_kind("reminder")] == [ReminderWindow.DAY]
    assert sorted(post.target for post in publisher.of_kind("dm")) == [member_id(2), member_id(3)]

    gov.vote(proposal.id, member(2), Support.AGAINST)
    await run_every(runtime, clock, proposal.deadline + step, step)
    assert [post.detail for post in publisher.of_kind("reminder")] == [
        ReminderWindow.DAY,
        ReminderWindow.HOUR,
    ]
    dms = [post.target for post in publisher.of_kind("dm")]
    assert sorted(dms[2:]) == [member_id(3)]  # member 2 voted meanwhile
    assert "1 hour" in publisher.of_kind("dm")[-1].detail
    assert [post.target for post in publisher.of_kind("result")] == [proposal.id]


async def test_a_short_vote_gets_only_the_hour_reminder(gov, runtime, publisher, clock, admin):
    add_community(gov, admin, 1, channel=None)
    proposal = open_proposal(gov, 1, timedelta(hours=12))
    await run_every(runtime, clock, proposal.deadline, timedelta(minutes=15))
    assert [post.detail for post in publisher.of_kind("reminder")] == [ReminderWindow.HOUR]


async def test_a_reminder_missed_by_more_than_grace_is_skipped_and_logged(
    gov, runtime, publisher, clock, admin, engine, caplog
):
    add_community(gov, admin, 1, channel=None)
    proposal = open_proposal(gov, 1, timedelta(days=3))
    await runtime.run_due()
    clock.set(
        proposal.deadline - timedelta(hours=20)
    )  # stopped from 2 days to 20 h before the deadline
    with caplog.at_level(logging.WARNING, logger="governance.scheduler.reminders"):
        await runtime.run_due()
        await runtime.run_due()
    assert not publisher.of_kind("reminder")
    assert [r.kind for r in runs(engine, status="skipped")] == ["reminder_24h"]
    assert len([r for r in caplog.records if "beyond the grace window" in r.getMessage()]) == 1
    await run_every(
        runtime, clock, proposal.deadline - timedelta(minutes=30), timedelta(minutes=30)
    )
    assert [post.detail for post in publisher.of_kind("reminder")] == [ReminderWindow.HOUR]

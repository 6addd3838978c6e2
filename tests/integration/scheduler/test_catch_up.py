"""After a stop: deadlines crossed meanwhile close and are announced once; missed digests run once
if within the grace window, older ones are skipped and logged."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from governance.domain import Outcome, ProposalState, Support
from tests.conftest import START, member
from tests.integration.scheduler.conftest import add_community, open_proposal, runs

pytestmark = pytest.mark.integration


async def test_deadlines_crossed_while_stopped_close_and_are_announced_once(
    gov, runtime, publisher, clock, admin
):
    add_community(gov, admin, 1, channel=None)
    passed = open_proposal(gov, 1, timedelta(hours=2), "Plant trees")
    unheard = open_proposal(gov, 1, timedelta(days=1), "Paint the shed")
    for n in range(3):
        gov.vote(passed.id, member(n), Support.FOR)
    await runtime.run_due()  # running: nothing is due yet but the 24 h reminder of the one-day vote

    clock.advance(timedelta(days=3))  # the bot is stopped past both deadlines
    await runtime.run_due()  # restarted
    await runtime.run_due()
    clock.advance(timedelta(minutes=1))
    await runtime.run_due()

    results = {post.target: post.detail for post in publisher.of_kind("result")}
    assert list(results) == [passed.id, unheard.id]
    assert results[passed.id].outcome is Outcome.PASSED and results[passed.id].tally.for_votes == 3
    assert results[unheard.id].outcome is Outcome.NO_QUORUM
    assert all(gov.show(p.id).state is ProposalState.CLOSED for p in (passed, unheard))
    assert [(post.target, post.detail.key) for post in publisher.of_kind("reminder")] == [
        (unheard.id, "24h")
    ]


async def test_a_close_by_someone_else_is_announced_too(gov, runtime, publisher, clock, admin):
    add_community(gov, admin, 1, channel=None)
    proposal = open_proposal(gov, 1, timedelta(hours=2))
    clock.advance(timedelta(hours=3))
    gov.close(proposal.id)  # e.g. `folkmoot close`, or a crash after closing but before announcing
    await runtime.run_due()
    assert [post.target for post in publisher.of_kind("result")] == [proposal.id]


async def test_missed_digests_run_once_within_grace_and_older_ones_are_skipped(
    gov, runtime, publisher, clock, admin, engine, caplog
):
    add_community(gov, admin, 1, "0 * * * *")  # hourly
    await runtime.run_due()  # 09:00: posted
    clock.advance(
        timedelta(hours=3, minutes=20)
    )  # stopped through 10:00 and 11:00; 12:00 is 20 min ago
    with caplog.at_level(logging.WARNING, logger="governance.scheduler.digests"):
        await runtime.run_due()
        await runtime.run_due()
    posted = [r.scheduled_for for r in runs(engine, "digest", "posted")]
    assert posted == [START, START + timedelta(hours=3)]
    assert [r.scheduled_for for r in runs(engine, "digest", "skipped")] == [
        START + timedelta(hours=2)
    ]
    assert len([r for r in caplog.records if "missed by more than" in r.getMessage()]) == 1
    assert "2 digest(s)" in caplog.records[0].getMessage()
    assert (
        publisher.of_kind("digest")[-1].detail.since == START
    )  # covers everything since the last one seen


async def test_a_failed_post_is_recorded_and_not_retried(
    gov, runtime, publisher, clock, admin, engine
):
    add_community(gov, admin, 1, "0 * * * *")

    async def broken(*args):
        raise ConnectionError("Discord is down")

    publisher.post_digest = broken
    await runtime.run_due()
    await runtime.run_due()
    failed = runs(engine, "digest", "failed")
    assert len(failed) == 1 and "Discord is down" in failed[0].detail


async def test_a_digest_that_cannot_be_built_is_recorded_failed_not_left_claimed(
    gov, runtime, clock, admin, engine
):
    add_community(gov, admin, 1, "0 * * * *")

    def broken_chart(digest):
        raise ValueError("matplotlib exploded")

    runtime.chart = broken_chart
    await runtime.run_due()
    failed = runs(engine, "digest", "failed")
    assert len(failed) == 1 and "matplotlib exploded" in failed[0].detail
    assert runs(engine, "digest", "claimed") == []


async def test_an_on_demand_digest_that_fails_to_post_says_so(gov, runtime, publisher, admin, engine):
    from governance.errors import Unavailable

    add_community(gov, admin, 1)

    async def broken(*args):
        raise ConnectionError("Discord is down")

    publisher.post_digest = broken
    with pytest.raises(Unavailable, match="could not be posted"):
        await runtime.post_digest_now(1)
    assert len(runs(engine, "digest", "failed")) == 1

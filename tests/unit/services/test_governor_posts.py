"""The scheduler's posts about followed Governors on fakes of the ports (the in-memory unit of work,
an in-memory FollowedGovernors, a recording publisher): what is news, how much per pass, a busy
model, a failed post, a Governor whose node is down beside one that answers. The same posts on a
real Governor on anvil: tests/integration/scheduler/test_governor_posts.py."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.ai.errors import ModelBusy
from governance.application import Governance
from governance.domain.governor.views import GovernorChange
from governance.domain.scheduled_runs import RunStatus
from governance.scheduler.governor import ANNOUNCED_PER_PASS
from tests.conftest import START
from tests.fakes.governors import UNIT, FakeGovernors, proposal
from tests.fakes.publisher import RecordingPublisher
from tests.fakes.unit_of_work import InMemoryUnitOfWork

DAO, OTHER = 901, 902
CHANNEL = 555


class FailingOnce(RecordingPublisher):
    tried = 0

    async def announce_governor_proposal(self, community_id, channel_id, post) -> int:
        self.tried += 1
        if self.tried == 1:
            raise RuntimeError("Discord said 500")
        return await super().announce_governor_proposal(community_id, channel_id, post)


@pytest.fixture
def governors() -> FakeGovernors:
    return FakeGovernors()


@pytest.fixture
def app(database, clock, governors, admin) -> Governance:
    gov = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, governors=governors)
    for community in (DAO, OTHER):
        gov.setup_community(community, f"DAO {community}", admin, digest_channel_id=CHANNEL)
        governors.follow(community, attached_at=START)
    return gov


def announced(publisher: RecordingPublisher, community: int | None = None) -> list[int]:
    return [p.detail.proposal.number for p in publisher.of_kind("governor_announcement")
            if community in (None, p.community_id)]


async def test_news_is_announced_history_is_not_and_a_long_backlog_spreads_over_passes(app, governors):
    governors.add(DAO, proposal(1, "executed", opens=START - timedelta(days=30)))  # before following: history
    for n in range(2, 10):
        governors.add(DAO, proposal(n, opens=START - timedelta(hours=1)))
    publisher = RecordingPublisher()
    posts = app.scheduled_posts(publisher)
    await posts.governor_pass()
    assert announced(publisher) == list(range(2, 2 + ANNOUNCED_PER_PASS))  # oldest first, a few per pass
    await posts.governor_pass()
    await posts.governor_pass()
    assert announced(publisher) == list(range(2, 10))  # each once; #1 never


async def test_a_busy_model_postpones_the_announcement_a_failed_post_is_never_retried(app, governors, database):
    governors.add(DAO, proposal(2, opens=START))
    calls = []

    async def busy_then_ready(found, community_id):
        calls.append((found.number, community_id))
        if len(calls) == 1:
            raise ModelBusy(8)
        raise LookupError("the model fell over")  # announced without a summary rather than not at all

    posts = app.scheduled_posts(RecordingPublisher())
    posts.summarize_governor = busy_then_ready
    await posts.governor_pass()
    assert announced(posts.publisher) == [] and calls == [(2, DAO)]
    await posts.governor_pass()
    (post,) = posts.publisher.of_kind("governor_announcement")
    assert post.detail.summary is None and calls == [(2, DAO), (2, DAO)]

    governors.add(OTHER, proposal(5, opens=START))
    failing = app.scheduled_posts(FailingOnce())
    await failing.governor_pass()
    await failing.governor_pass()
    assert announced(failing.publisher) == [] and failing.publisher.tried == 1  # a retry could post twice
    statuses = {(k.community_id, k.kind): run.status for k, run in database.state.runs.items()}
    assert statuses[(OTHER, "gov_announce")] is RunStatus.FAILED


async def test_one_governor_down_does_not_hold_up_another(app, governors):
    governors.add(DAO, proposal(2, opens=START))
    governors.add(OTHER, proposal(3, opens=START))
    governors.down.add(DAO)
    publisher = RecordingPublisher()
    await app.scheduled_posts(publisher).governor_pass()
    assert announced(publisher) == [3]


async def test_updates_follow_what_the_announcement_showed(app, governors, clock):
    governors.add(DAO, proposal(2, opens=START - timedelta(hours=1)), for_votes=10_000 * UNIT)
    publisher = RecordingPublisher()
    posts = app.scheduled_posts(publisher)
    await posts.governor_pass()
    (first,) = publisher.of_kind("governor_announcement")
    assert not first.detail.tally.quorum_reached
    governors.add(DAO, proposal(2, opens=START - timedelta(hours=1)), for_votes=50_000 * UNIT)  # quorum reached
    await posts.governor_pass()
    governors.move(DAO, 2, state="succeeded")
    governors.events[str(10**70 + 2)] = [GovernorChange(START, "queued", str(10**70 + 2), "Proposal 2",
                                                        "queued; executable from tomorrow", number=2)]
    governors.move(DAO, 2, state="queued")
    await posts.governor_pass()
    await posts.governor_pass()
    updates = publisher.of_kind("governor_update")
    assert [u.detail[1].kind for u in updates] == ["quorum_reached", "ended", "queued"]
    assert {u.target for u in updates} == {10_001}  # replies to the announcement's message


async def test_nowhere_to_post_posts_nothing(app, governors, admin):
    app.configure(DAO, admin, digest_channel_id=None)
    governors.add(DAO, proposal(2, opens=START))
    publisher = RecordingPublisher()
    await app.scheduled_posts(publisher).governor_pass()
    assert announced(publisher, DAO) == []
    governors.set_channel(DAO, 777)  # /config governor_channel
    await app.scheduled_posts(publisher).governor_pass()
    assert [p.target for p in publisher.of_kind("governor_announcement")] == [777]

"""Two bot instances on one database: one runs the scheduler (leader lock), and even if both ran
the jobs, the run keys let each digest, reminder and result out once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import text

from governance.adapters.sql.engine import make_engine
from governance.bootstrap import bootstrap
from governance.config import Settings
from governance.scheduler import registry
from tests.conftest import POSTGRES_URL, START
from tests.fakes.publisher import RecordingPublisher
from tests.integration.scheduler.conftest import add_community, open_proposal

pytestmark = pytest.mark.integration


def twin(engine):
    """A second engine on the same database, as a second bot process would have."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar()
        return make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    return make_engine(engine.url.render_as_string(hide_password=False))


@pytest.fixture
def second(engine, clock):
    other = twin(engine)
    yield bootstrap(Settings(), engine=other, clock=clock, migrate=False), other
    other.dispose()


async def test_only_one_instance_leads_and_the_other_takes_over(gov, engine, second):
    gov_b, engine_b = second
    beat = dict(heartbeat=timedelta(seconds=0.05), sweep_every=timedelta(hours=1))
    first = gov.scheduler(RecordingPublisher(), **beat)
    other = gov_b.scheduler(RecordingPublisher(), **beat)
    await first.start()
    await other.start()
    try:
        assert first.leading and not other.leading
        assert registry.active() is first.posts
        await asyncio.sleep(0.2)
        assert first.leading and not other.leading  # heartbeats keep it so
        await first.stop()
        for _ in range(100):
            if other.leading:
                break
            await asyncio.sleep(0.02)
        assert other.leading and registry.active() is other.posts
    finally:
        await first.stop()
        await other.stop()
    with pytest.raises(LookupError):
        registry.active()


async def test_both_running_every_job_still_posts_each_run_once(gov, engine, second, clock, admin):
    gov_b, engine_b = second
    for community_id, cron in ((1, "0 * * * *"), (2, "30 */2 * * *"), (3, "0 9 * * *")):
        add_community(gov, admin, community_id, cron, "Europe/Berlin")
    closing = [open_proposal(gov, 1, timedelta(hours=h)) for h in (3, 26)]
    one, two = RecordingPublisher(), RecordingPublisher()
    runtimes = [gov.scheduled_posts(one), gov_b.scheduled_posts(two)]
    runtimes[1].instance = "second"
    for runtime in runtimes:
        runtime.chart = lambda digest: (
            None
        )  # drawing is not what this test is about, and takes time

    while clock.now() < START + timedelta(days=1, hours=3):
        clock.advance(timedelta(minutes=30))
        await asyncio.gather(*(runtime.run_due() for runtime in runtimes))

    digests = [
        (p.community_id, p.detail.generated_at)
        for p in one.of_kind("digest") + two.of_kind("digest")
    ]
    # 09:00 Monday to 12:00 Tuesday UTC: 28 hourly, 14 two-hourly (Berlin :30 of even hours) and
    # one daily (Tuesday 09:00 Berlin; Monday's was over an hour before the start: beyond grace)
    assert len(digests) == len(set(digests)) == 28 + 14 + 1
    results = [p.target for p in one.of_kind("result") + two.of_kind("result")]
    assert sorted(results) == [p.id for p in closing]
    reminders = [(p.target, p.detail) for p in one.of_kind("reminder") + two.of_kind("reminder")]
    assert (
        len(reminders) == len(set(reminders)) == 3
    )  # 1 h for the first; 24 h and 1 h for the second
    assert one.posts and two.posts  # both really took part

"""The scheduler a bot process runs: elect a leader, and while leading run APScheduler's jobs.

    scheduler = build_scheduler(gov, publisher)   # in setup_hook
    await scheduler.start()                       # returns at once; leads now or keeps trying
    ...
    await scheduler.stop()                        # in close(): lets running jobs finish, steps down
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from governance.adapters.sql.leader import LeaderLock, leader_lock_for
from governance.app import Governance
from governance.scheduler import registry
from governance.scheduler.job_store import make_apscheduler, schedule_sweep, sync_digest_jobs
from governance.scheduler.publisher import Publisher
from governance.scheduler.runtime import GRACE, SchedulerRuntime, build_runtime, engine_of
from governance.services.digest import Narrate

log = logging.getLogger(__name__)


class GovernanceScheduler:
    def __init__(self, runtime: SchedulerRuntime, engine: Engine, *, lock: LeaderLock | None = None,
                 sweep_every: timedelta = timedelta(minutes=1),
                 heartbeat: timedelta = timedelta(seconds=30), drain_timeout: float = 10.0):
        self.runtime = runtime
        self.engine = engine
        self.lock = lock or leader_lock_for(engine)
        self.sweep_every = sweep_every
        self.heartbeat = heartbeat
        self.drain_timeout = drain_timeout
        self.apscheduler: AsyncIOScheduler | None = None  # exists only while leading
        self._campaign: asyncio.Task | None = None
        self._invalid: dict[int, str] = {}  # digest schedules that cannot run, reported once

    @property
    def leading(self) -> bool:
        return self.apscheduler is not None

    async def start(self) -> None:
        """Tries to lead at once, then keeps checking every heartbeat in the background."""
        if self._campaign is not None:
            return
        await self._tick()
        self._campaign = asyncio.create_task(self._keep_campaigning(), name="folkmoot-scheduler")

    async def stop(self) -> None:
        if self._campaign is not None:
            self._campaign.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._campaign
            self._campaign = None
        if self.leading:
            await self._step_down()

    async def refresh_jobs(self) -> None:
        """Follows the communities' settings: new ones, changed digest schedules or channels."""
        if self.apscheduler is None:
            return
        communities = await asyncio.to_thread(self.runtime.gov.communities)
        invalid = sync_digest_jobs(self.apscheduler, communities)
        for community_id, problem in invalid.items():
            if self._invalid.get(community_id) != problem:
                log.error("community %s gets no digest: its schedule %s", community_id, problem)
        self._invalid = invalid

    async def _keep_campaigning(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat.total_seconds())
            try:
                await self._tick()
            except Exception:  # the database may be away for a moment; try again next beat
                log.exception("scheduler heartbeat failed")

    async def _tick(self) -> None:
        if self.leading:
            if await asyncio.to_thread(self.lock.still_held):
                await self.refresh_jobs()
            else:
                await self._step_down()
        elif await asyncio.to_thread(self.lock.try_acquire):
            await self._lead()

    async def _lead(self) -> None:
        registry.install(self.runtime)
        self.apscheduler = make_apscheduler(self.engine, self.runtime.grace)
        try:
            self.apscheduler.start()  # jobs that came due while stopped run now, or are skipped
            await self.refresh_jobs()
            schedule_sweep(self.apscheduler, self.sweep_every)
        except Exception:
            await self._step_down()  # half a leader is worse than none: let another instance try
            raise
        log.info("this instance now runs the scheduler")

    async def _step_down(self) -> None:
        scheduler, self.apscheduler = self.apscheduler, None
        if scheduler.running:
            scheduler.pause()  # no new runs; those in progress finish (up to drain_timeout)
            await self.runtime.drain(self.drain_timeout)
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the loop's next turn
        registry.remove(self.runtime)
        await asyncio.to_thread(self.lock.release)
        log.info("this instance stopped running the scheduler")


def build_scheduler(gov: Governance, publisher: Publisher, *, engine: Engine | None = None,
                    narrate: Narrate | None = None, grace: timedelta = GRACE,
                    **options) -> GovernanceScheduler:
    """`options`: sweep_every, heartbeat, drain_timeout, lock (see GovernanceScheduler)."""
    engine = engine or engine_of(gov)
    runtime = build_runtime(gov, publisher, engine, narrate, grace)
    return GovernanceScheduler(runtime, engine, **options)

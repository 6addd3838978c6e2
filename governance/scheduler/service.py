"""The scheduler a bot process runs: elect a leader, and while leading run APScheduler's jobs.

    scheduler = gov.scheduler(publisher)   # the bot's background task (Governance.background_tasks)
    await scheduler.start()                # returns at once; leads now or keeps trying
    ...
    await scheduler.stop()                 # on close: lets running jobs finish, steps down
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import timedelta

from apscheduler.jobstores.base import BaseJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from governance.ports import LeaderLock
from governance.scheduler import registry
from governance.scheduler.posts import ScheduledPosts
from governance.scheduler.timetable import make_apscheduler, schedule_sweep, sync_digest_jobs

log = logging.getLogger(__name__)


class GovernanceScheduler:
    def __init__(self, posts: ScheduledPosts, *, lock: LeaderLock, job_store: Callable[[], BaseJobStore],
                 sweep_every: timedelta = timedelta(minutes=1),
                 heartbeat: timedelta = timedelta(seconds=30), drain_timeout: float = 2.0):
        self.posts = posts
        self.lock = lock
        self.job_store = job_store
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
        communities = await asyncio.to_thread(self.posts.communities)
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
        registry.install(self.posts)
        self.apscheduler = make_apscheduler(self.job_store(), self.posts.grace)
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
            await self.posts.drain(self.drain_timeout)
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the loop's next turn
        registry.remove(self.posts)
        await asyncio.to_thread(self.lock.release)
        log.info("this instance stopped running the scheduler")

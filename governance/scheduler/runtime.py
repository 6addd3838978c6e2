"""What a scheduled job needs to do its work: the app, where to post, the run ledger.

`run_due()` does everything due at the clock's current time. The APScheduler
jobs call the same methods, so tests drive a ManualClock through exactly the
code the real scheduler runs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from governance.app import Governance
from governance.scheduler import digests, reminders, results
from governance.scheduler.digest_chart import digest_chart
from governance.scheduler.opt_ins import ReminderOptIns
from governance.scheduler.publisher import Publisher
from governance.scheduler.runs import RunStore
from governance.services.digest import Digest, Narrate

log = logging.getLogger(__name__)

GRACE = timedelta(hours=1)  # a run this late still happens (once); later ones are skipped, logged


@dataclass
class SchedulerRuntime:
    gov: Governance
    publisher: Publisher
    runs: RunStore
    opt_ins: ReminderOptIns
    narrate: Narrate | None = None
    grace: timedelta = GRACE
    chart: Callable[[Digest], bytes | None] = field(default=digest_chart)
    _running: set[asyncio.Task] = field(default_factory=set, init=False, repr=False)

    def now(self) -> datetime:
        return self.gov.clock.now()

    async def run_digest(self, community_id: int) -> bool:
        community = await asyncio.to_thread(self.gov.community, community_id)
        return await digests.run_scheduled_digest(self, community)

    async def sweep(self) -> None:
        """Close what is due and announce it, then send the reminders due."""
        await results.close_and_announce(self)
        await reminders.send_due_reminders(self)

    async def run_due(self) -> None:
        """Everything due now: closes, results, reminders, then each community's digest."""
        await self.sweep()
        for community in await asyncio.to_thread(self.gov.communities):
            try:
                await digests.run_scheduled_digest(self, community)
            except Exception:  # one community's bad schedule must not hold up the others
                log.exception("the digest of community %s failed", community.id)

    async def tracked(self, work: Awaitable[object]) -> None:
        """Runs a job's work so that `drain` can wait for it when the scheduler stops."""
        task = asyncio.current_task()
        self._running.add(task)
        try:
            await work
        finally:
            self._running.discard(task)

    async def drain(self, timeout: float) -> None:
        """Waits (up to `timeout` s) for jobs in progress, so a stop does not cut a post in half."""
        if self._running:
            await asyncio.wait(set(self._running), timeout=timeout)


def build_runtime(gov: Governance, publisher: Publisher, engine: Engine | None = None,
                  narrate: Narrate | None = None, grace: timedelta = GRACE) -> SchedulerRuntime:
    engine = engine or engine_of(gov)
    return SchedulerRuntime(gov, publisher, RunStore(engine), ReminderOptIns(engine), narrate,
                            grace)


def engine_of(gov: Governance) -> Engine:
    return gov.engine or gov.uow().engine

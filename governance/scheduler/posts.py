"""Everything a scheduled job does, as methods of one object: digests, reminders, closing and
results, and the posts about followed Governors, each posted once (see posting.py).

`run_due()` does everything due at the clock's current time. The APScheduler jobs call the same
methods (through jobs.py), so tests drive a ManualClock through exactly the code the real
scheduler runs. The application builds one with `Governance.scheduled_posts(publisher)`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from governance.domain import Community
from governance.ports import Clock, FollowedGovernors, LedgerReader, UnitOfWork
from governance.scheduler.digests import DigestPosts
from governance.scheduler.governor import GovernorPosts, GovernorVoterReminders, SummarizeGovernor
from governance.scheduler.publisher import Publisher
from governance.scheduler.reminders import ReminderPosts
from governance.scheduler.results import ResultPosts
from governance.services.digest import Digest, Narrate

log = logging.getLogger(__name__)

GRACE = timedelta(hours=1)  # a run this late still happens (once); later ones are skipped, logged


def this_instance() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class ScheduledPosts(DigestPosts, ReminderPosts, ResultPosts, GovernorPosts):
    uow: Callable[[], UnitOfWork]
    read_uow: Callable[[], UnitOfWork]
    clock: Clock
    publisher: Publisher
    chart: Callable[[Digest], bytes | None]
    ledger: LedgerReader | None = None
    narrate: Narrate | None = None
    grace: timedelta = GRACE
    governors: FollowedGovernors | None = None  # the Governors communities follow
    summarize_governor: SummarizeGovernor | None = None  # their proposals' AI summaries (off the loop)
    voter_reminders: GovernorVoterReminders | None = None  # #14: members with voting power
    instance: str = field(default_factory=this_instance)
    _running: set[asyncio.Task] = field(default_factory=set, init=False, repr=False)

    def communities(self) -> list[Community]:
        with self.read_uow() as uow:
            return uow.communities.list()

    async def run_digest(self, community_id: int) -> bool:
        community = await asyncio.to_thread(self._community, community_id)
        return await self.run_scheduled_digest(community)

    async def sweep(self) -> None:
        """Close what is due and announce it, send the reminders due, then post what followed
        Governors did (announcements, updates, the watchdog, their reminders)."""
        await self.close_and_announce()
        await self.send_due_reminders()
        await self.governor_pass()

    async def run_due(self) -> None:
        """Everything due now: closes, results, reminders, Governor posts, then each community's digest."""
        await self.sweep()
        for community in await asyncio.to_thread(self.communities):
            try:
                await self.run_scheduled_digest(community)
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

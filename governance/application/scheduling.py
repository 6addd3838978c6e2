"""Scheduled posts: the scheduler the bot runs, on-demand digests, reminder opt-ins, and the
background tasks a long-running process starts."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Protocol, cast

from governance.ai.results import AiResult
from governance.application.voting_power import VotingPower
from governance.domain.governor.views import GovernorProposal
from governance.scheduler import DigestPoster, GovernanceScheduler, Publisher, ScheduledPosts
from governance.scheduler.posts import GRACE
from governance.scheduler.voter_reminders import PowerReminders
from governance.services import reminders
from governance.services.digest import Digest


class BackgroundTask(Protocol):
    """Something that runs beside the bot for its whole life."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Scheduling(VotingPower):  # brings Engines, Governors, ChainRecord, Assistant (narrator) and Communities
    def scheduled_posts(self, publisher: Publisher, grace: timedelta = GRACE) -> ScheduledPosts:
        """What the scheduler's jobs do, posting through `publisher` (run_due() does all that is due)."""
        posts = ScheduledPosts(self.uow, self.read_uow, self.clock, publisher, self._chart, self.chain,
                               self.narrator(), grace, governors=self.governors,
                               summarize_governor=self._summary_for_posts if self._ai is not None else None)
        if self.governors is not None:  # members who can still act on a Governor vote, by DM
            posts.voter_reminders = PowerReminders(posts, self.governors)
        return posts

    async def _summary_for_posts(self, proposal: GovernorProposal, community_id: int) -> AiResult:
        """A Governor proposal's summary for its announcement, off the event loop (on the inference
        worker, which answers ModelBusy when members keep it busy: the post waits a pass)."""
        if self._inference is None:
            return await asyncio.to_thread(self.summarize_governor, proposal, community_id)
        return await self.infer(self.summarize_governor, proposal, community_id)

    def scheduler(self, publisher: Publisher, *, sweep_every: timedelta = timedelta(minutes=1),
                  heartbeat: timedelta = timedelta(seconds=30), drain_timeout: float = 2.0) -> GovernanceScheduler:
        """APScheduler on the database's job store, run while this instance leads (a leader lock):
        the sweep (close, announce, remind) every `sweep_every`, each community's digest at its time;
        leadership is checked every `heartbeat`; a stop waits `drain_timeout` s for running jobs."""
        if self._job_store is None:
            raise RuntimeError("this application was built without a job store (see governance.bootstrap)")
        return GovernanceScheduler(self.scheduled_posts(publisher), lock=self._lock("folkmoot.scheduler"),
                                   job_store=self._job_store, sweep_every=sweep_every, heartbeat=heartbeat,
                                   drain_timeout=drain_timeout)

    async def post_digest_now(self, community_id: int, poster: DigestPoster, record: bool = True) -> Digest:
        """The digest now, through `poster` (`folkmoot digest`, `/digest now`): recorded as a run like
        the scheduled ones, so the next digest covers the time since. record=False only shows it."""
        posts = self.scheduled_posts(cast(Publisher, poster))  # posting a digest needs nothing more
        return await posts.post_digest_now(community_id, record=record)

    def remind_by_dm(self, community_id: int, member_id: int, wanted: bool) -> None:
        """Whether the member gets a DM before deadlines they have not voted on yet."""
        reminders.set_dm_reminders(self.uow(), self.clock, community_id=community_id,
                                   member_id=member_id, wanted=wanted)

    def background_tasks(self, publisher: Publisher) -> list[BackgroundTask]:
        """What a long-running process (the bot) starts beside itself: the chain loop when a chain
        is configured, and the scheduler, which posts through `publisher`."""
        tasks: list[BackgroundTask] = [self.chain_loop()] if self.chain is not None else []
        return [*tasks, self.scheduler(publisher)]

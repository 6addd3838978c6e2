"""Posts about the Governors communities follow, each claimed once in the run ledger:

- every new proposal announced in the community's channel (the Governor's channel, or the digest
  channel) with its AI summary, decoded calls and findings, state, window, tally and quorum;
- its updates as replies to the announcement: quorum reached, voting ended, queued, executed,
  canceled, expired;
- the execution watchdog's posts (queue it, execute it, it is about to expire), once per state,
  with the exact call;
- reminders before voting ends (the channel; members with voting power are #14's, through
  `GovernorVoterReminders`);
- the Governor's part of the digest.

A claim's key names the proposal by its number and creation time, both fixed at indexing, so a
restart, a second instance or a retry never posts the same thing twice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from governance.ai.errors import ModelBusy
from governance.ai.results import AiResult
from governance.domain.engines import Units
from governance.domain.governor.posts import VOTING, worth_announcing
from governance.domain.governor.posts import updates_owed as owed_updates
from governance.domain.governor.schedule import due_actions
from governance.domain.governor.views import GovernorAnnouncement, GovernorInfo, GovernorProposal
from governance.domain.governor_digest import GovernorDigest, OpenGovernorProposal, forecast_power
from governance.domain.scheduled_runs import RunKey, RunStatus
from governance.errors import GovernanceError
from governance.ports import FollowedGovernors
from governance.scheduler.posting import Posting
from governance.scheduler.publisher import GovernorPost, ReminderWindow, Thread
from governance.services import lookup
from governance.services.engines.governor import as_count

log = logging.getLogger(__name__)

ANNOUNCE = "gov_announce"
UPDATE = "gov_update"
WATCH = "gov_watch"
REMIND = "gov_remind"
WATCHED = 30  # newest proposals looked at on each pass (each is read live: state, window, ETA)
ANNOUNCED_PER_PASS = 5  # a Governor attached from an old block catches up over a few passes
BIG_VOTE_SHARE = 0.1  # of the quorum: a vote the digest names

SummarizeGovernor = Callable[[GovernorProposal, int], Awaitable[AiResult]]


class GovernorVoterReminders(Protocol):
    """#14's hook: remind the members with voting power at the snapshot who have not voted."""

    async def remind(self, community_id: int, post: GovernorPost, window: ReminderWindow) -> None: ...


def subject(proposal: GovernorProposal, what: str = "") -> str:
    return f"governor:{proposal.number}" + (f":{what}" if what else "")


@dataclass
class _Seen:
    """One community's Governor as one pass sees it."""

    info: GovernorInfo
    channel_id: int | None
    proposals: list[GovernorProposal]  # oldest first
    announced: dict[str, GovernorAnnouncement]
    claimed: set[str]  # subjects whose announcement was claimed (sent, failed or in flight)


class GovernorPosts(Posting):
    governors: FollowedGovernors | None
    summarize_governor: SummarizeGovernor | None
    voter_reminders: GovernorVoterReminders | None

    async def governor_pass(self) -> int:
        """Announces, updates, watches and reminds for every community that follows a Governor;
        returns how many posts went out. One Governor's trouble never holds up another's."""
        if self.governors is None:
            return 0
        posted = 0
        for community_id in await asyncio.to_thread(self.governors.following):
            try:
                posted += await self._follow_up(community_id)
            except GovernanceError as error:  # the node is down, the chain changed: next pass
                log.warning("posting about the Governor of community %s: %s", community_id, error)
            except Exception:
                log.exception("posting about the Governor of community %s failed", community_id)
        return posted

    async def _follow_up(self, community_id: int) -> int:
        seen = await asyncio.to_thread(self._see, community_id)
        if seen.channel_id is None:
            return 0  # nowhere to post: /config digest_channel or governor_channel
        posted = 0
        announced_now = 0
        now = self.now()
        for proposal in seen.proposals:
            announcement = seen.announced.get(proposal.proposal_id)
            if announcement is None:
                if (announced_now < ANNOUNCED_PER_PASS and subject(proposal) not in seen.claimed
                        and worth_announcing(proposal, seen.info.attached_at)):
                    announcement = await self._announce(community_id, seen, proposal, now)
                    announced_now += 1
                    posted += announcement is not None
                if announcement is None:
                    continue
            thread = Thread(announcement.channel_id, announcement.message_id)
            posted += await self._updates(community_id, seen.info, proposal, announcement, thread)
            posted += await self._watchdog(community_id, seen.info, proposal, thread, now)
            posted += await self._reminder(community_id, seen.info, proposal, thread, now)
        return posted

    def _see(self, community_id: int) -> _Seen:
        assert self.governors is not None
        info = self.governors.info(community_id)
        channel = info.channel_id
        if channel is None:
            with self.read_uow() as uow:
                channel = lookup.community(uow, community_id).digest_channel_id
        proposals = list(reversed(self.governors.proposals(community_id, WATCHED)))
        announced = {p.proposal_id: a for p in proposals
                     if (a := self.governors.announcement(community_id, p.proposal_id)) is not None}
        with self.read_uow() as uow:
            claimed = uow.runs.recorded_subjects(ANNOUNCE, [subject(p) for p in proposals
                                                            if p.proposal_id not in announced])
        return _Seen(info, channel, proposals, announced, claimed)

    # the announcement
    async def _announce(self, community_id: int, seen: _Seen, proposal: GovernorProposal, now: datetime
                        ) -> GovernorAnnouncement | None:
        assert self.governors is not None and seen.channel_id is not None
        tally = await asyncio.to_thread(self.governors.tally, community_id, proposal.proposal_id)
        try:
            summary = await self._summary(proposal, community_id)
        except ModelBusy:
            return None  # the model is busy with members' requests: announce on a later pass
        post = GovernorPost(seen.info, proposal, tally, summary)
        key = RunKey(community_id, ANNOUNCE, proposal.created_at, subject(proposal))
        if not await asyncio.to_thread(self.claim, key, now):
            return None  # another instance has it
        try:
            message_id = await self.publisher.announce_governor_proposal(community_id, seen.channel_id, post)
        except Exception as error:  # recorded, never retried: a retry could post twice
            log.warning("announcing Governor proposal #%s failed: %r", proposal.number, error, exc_info=True)
            await asyncio.to_thread(self.finish, key, RunStatus.FAILED, repr(error)[:500])
            return None
        announcement = GovernorAnnouncement(proposal.proposal_id, seen.channel_id, message_id, proposal.state,
                                            bool(tally.quorum_reached), now)
        await asyncio.to_thread(self.governors.record_announcement, community_id, announcement)
        await asyncio.to_thread(self.finish, key, RunStatus.POSTED)
        return announcement

    async def _summary(self, proposal: GovernorProposal, community_id: int) -> AiResult | None:
        if self.summarize_governor is None:
            return None
        try:
            return await self.summarize_governor(proposal, community_id)
        except ModelBusy:
            raise
        except Exception:  # an announcement without its summary beats none
            log.exception("summarizing Governor proposal #%s failed; announced without a summary", proposal.number)
            return None

    # replies to it
    async def _updates(self, community_id: int, info: GovernorInfo, proposal: GovernorProposal,
                       announcement: GovernorAnnouncement, thread: Thread) -> int:
        assert self.governors is not None
        if announcement.state not in VOTING and announcement.state not in ("succeeded", "queued"):
            return 0  # it was announced finished: nothing more will happen to it
        lifecycle = await asyncio.to_thread(self.governors.lifecycle, community_id, proposal.proposal_id)
        tally = None
        if proposal.state in VOTING and announcement.state in VOTING and not announcement.quorum_reached:
            tally = await asyncio.to_thread(self.governors.tally, community_id, proposal.proposal_id)
        owed = owed_updates(announcement, proposal, tally.quorum_reached if tally else None, lifecycle)
        if not owed:
            return 0
        if tally is None:
            tally = await asyncio.to_thread(self.governors.tally, community_id, proposal.proposal_id)
        post = GovernorPost(info, proposal, tally)
        sent = 0
        for update in owed:
            key = RunKey(community_id, UPDATE, proposal.created_at, subject(proposal, update.kind))
            sent += await self.claim_and_send(
                key, lambda u=update: self.publisher.post_governor_update(community_id, thread, post, u),
                f"the {update.kind} update of Governor proposal #{proposal.number}")
        return sent

    async def _watchdog(self, community_id: int, info: GovernorInfo, proposal: GovernorProposal, thread: Thread,
                        now: datetime) -> int:
        sent = 0
        for action in due_actions([proposal], now):
            key = RunKey(community_id, WATCH, proposal.created_at, subject(proposal, action.action))
            sent += await self.claim_and_send(
                key, lambda a=action: self.publisher.post_governor_action(community_id, thread, info, a),
                f"the watchdog's {action.action} post for Governor proposal #{proposal.number}")
        return sent

    async def _reminder(self, community_id: int, info: GovernorInfo, proposal: GovernorProposal, thread: Thread,
                        now: datetime) -> int:
        assert self.governors is not None
        window = governor_reminder_window(proposal, now)
        if window is None:
            return 0
        key = RunKey(community_id, f"{REMIND}_{window.key}", proposal.created_at, subject(proposal))
        late = now - (proposal.window.ends_at - window.before)
        if late > self.grace:
            await asyncio.to_thread(self.claim, key, now, RunStatus.SKIPPED, f"late by {late}")
            return 0
        with_tally = None

        async def send() -> None:
            nonlocal with_tally
            tally = await asyncio.to_thread(self.governors.tally, community_id, proposal.proposal_id)
            with_tally = GovernorPost(info, proposal, tally)
            await self.publisher.post_governor_reminder(community_id, thread, with_tally, window)

        sent = await self.claim_and_send(key, send, f"the {window.key} reminder of Governor proposal "
                                                    f"#{proposal.number}")
        if self.voter_reminders is not None and with_tally is not None:  # claimed here, even with no channel
            await self.voter_reminders.remind(community_id, with_tally, window)
        return sent

    # the digest
    def governor_digest(self, community_id: int, since: datetime) -> GovernorDigest | None:
        """Blocking. None when the community follows no Governor."""
        if self.governors is None or not self.governors.follows(community_id):
            return None
        now = self.now()
        info = self.governors.info(community_id)
        changes = self.governors.changes_since(community_id, since, BIG_VOTE_SHARE)
        open_items = []
        for proposal in self.governors.proposals(community_id, WATCHED, True):
            count = as_count(self.governors.tally(community_id, proposal.proposal_id))
            w = proposal.window
            forecast = forecast_power(count, w.starts_at, w.ends_at, now) if proposal.state == "active" else None
            open_items.append(OpenGovernorProposal(proposal.number, proposal.title, proposal.state, w.ends_at,
                                                   w.estimated, count, forecast))
        return GovernorDigest(f"{info.name} · {info.address} on chain {info.chain_id}", Units.of(info.token),
                              tuple(changes), tuple(sorted(open_items, key=lambda o: o.ends_at)))


def governor_reminder_window(proposal: GovernorProposal, now: datetime) -> ReminderWindow | None:
    """The reminder due now: the shortest window the time left fits in, if voting was open then."""
    if proposal.state != "active" or now >= proposal.window.ends_at:
        return None
    left = proposal.window.ends_at - now
    window = min((w for w in ReminderWindow if left <= w.before), key=lambda w: w.before, default=None)
    if window is None or proposal.window.ends_at - window.before < proposal.window.starts_at:
        return None  # voting opened with less time than this window: nothing to remind of
    return window

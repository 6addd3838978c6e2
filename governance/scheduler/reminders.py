"""Reminders 24 h and 1 h before a deadline, in the proposal's channel, and by DM to opted-in
members who have not voted yet (so the DMs stop once a member votes)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from datetime import datetime
from functools import partial

from governance.domain import Proposal
from governance.domain.durations import format_duration
from governance.domain.scheduled_runs import RunKey, RunStatus, proposal_subject
from governance.domain.votes import discord_voter
from governance.scheduler.posting import Posting
from governance.scheduler.publisher import ReminderWindow

log = logging.getLogger(__name__)

LONGEST = max(w.before for w in ReminderWindow)


def members_to_remind(opted_in: Collection[int], voters: Collection[str]) -> set[int]:
    """Those who opted in and have not voted (the bot then keeps only the eligible ones)."""
    return {member for member in opted_in if discord_voter(member) not in voters}


def reminder_window(proposal: Proposal, now: datetime) -> ReminderWindow | None:
    """The reminder due now: the shortest window the time left fits in, if voting was open then."""
    assert proposal.deadline is not None and proposal.published_at is not None
    if now >= proposal.deadline:
        return None
    fitting = [w for w in ReminderWindow if proposal.deadline - now <= w.before]
    window = min(fitting, key=lambda w: w.before, default=None)
    if window is None or proposal.deadline - window.before < proposal.published_at:
        return None  # voting opened with less time than this window: nothing to remind of
    return window


def dm_text(proposal: Proposal, window: ReminderWindow) -> str:
    return (f"Voting on proposal #{proposal.id} \"{proposal.title}\" ends in {window.label} "
            f"({proposal.deadline:%Y-%m-%d %H:%M} UTC) and you have not voted yet. "
            f"Use /vote {proposal.id} in the server. (You opted in to these reminders.)")


def reminder_key(proposal: Proposal, window: ReminderWindow, kind: str, member: int | None = None
                 ) -> RunKey:
    assert proposal.deadline is not None
    return RunKey(proposal.community_id, f"{kind}_{window.key}", proposal.deadline - window.before,
                  proposal_subject(proposal.id, member))


class ReminderPosts(Posting):
    async def send_due_reminders(self) -> int:
        due = await asyncio.to_thread(self._due_reminders, self.now())
        for proposal, window in due:
            await self.claim_and_send(reminder_key(proposal, window, "reminder"),
                                      partial(self.publisher.post_reminder, proposal, window),
                                      f"the {window.key} reminder of proposal #{proposal.id}")
            await self._direct_messages(proposal, window)
        return len(due)

    def _due_reminders(self, now: datetime) -> list[tuple[Proposal, ReminderWindow]]:
        with self.read_uow() as uow:
            soon = [uow.proposals.get(pid) for pid in uow.proposals.due_for_closing(now + LONGEST)]
        candidates = [(p, w) for p in soon if (w := reminder_window(p, now)) is not None]
        due = []
        for window in ReminderWindow:
            mine = [p for p, w in candidates if w is window]
            with self.read_uow() as uow:
                done = uow.runs.recorded_subjects(f"reminder_{window.key}",
                                                  [proposal_subject(p.id) for p in mine])
            for p in mine:
                if proposal_subject(p.id) in done:
                    continue
                if now - (p.deadline - window.before) > self.grace:
                    self._skip_reminder(p, window, now)
                else:
                    due.append((p, window))
        return due

    def _skip_reminder(self, proposal: Proposal, window: ReminderWindow, now: datetime) -> None:
        late = now - (proposal.deadline - window.before)
        if self.claim(reminder_key(proposal, window, "reminder"), now, RunStatus.SKIPPED, f"late by {late}"):
            log.warning("the %s reminder of proposal #%s is %s late, beyond the grace window; skipped",
                        window.key, proposal.id, format_duration(late))

    async def _direct_messages(self, proposal: Proposal, window: ReminderWindow) -> None:
        opted_in, voters = await asyncio.to_thread(self._opted_in_and_voters, proposal)
        if not opted_in:
            return
        unvoted = members_to_remind(opted_in, voters)
        if not unvoted:
            return
        eligible = await self.publisher.eligible_members(proposal.community_id, unvoted)
        text = dm_text(proposal, window)
        for member in sorted(unvoted & set(eligible)):
            # DMs fail routinely (closed DMs, members who left): log without a traceback, go on
            await self.claim_and_send(reminder_key(proposal, window, "dm", member),
                                      partial(self.publisher.send_dm, member, text),
                                      f"the reminder DM to member {member}", traceback=False)

    def _opted_in_and_voters(self, proposal: Proposal) -> tuple[set[int], set[str]]:
        with self.read_uow() as uow:
            opted_in = uow.reminder_opt_ins.members(proposal.community_id)
            return opted_in, (uow.votes.voters(proposal.id) if opted_in else set())

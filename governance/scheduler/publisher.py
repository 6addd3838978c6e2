"""Where scheduled posts go. The Discord bot implements `Publisher` (bot.discord.publisher), the
CLI prints (bot.cli.publisher), tests record (tests.fakes.publisher).

Every method is async and may raise: the scheduler logs the failure and marks
the run failed; it never posts the same run twice (see `runs.py`).
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from governance.ai.results import AiResult
from governance.domain import Proposal
from governance.domain.governor.posts import GovernorUpdate
from governance.domain.governor.views import GovernorInfo, GovernorProposal, PendingAction, TokenTally
from governance.services.closing import CloseResult
from governance.services.digest import Digest


class NowhereToPost(LookupError):
    """Expected, not a failure: the community has no channel for this post (say, a reminder of a
    proposal that was never announced, in a community without a digest channel). The scheduler
    logs it as one line and records the run as skipped."""


class ReminderWindow(enum.Enum):
    """How long before the deadline a reminder goes out."""

    DAY = timedelta(hours=24)
    HOUR = timedelta(hours=1)

    @property
    def before(self) -> timedelta:
        return self.value

    @property
    def label(self) -> str:
        return "24 hours" if self is ReminderWindow.DAY else "1 hour"

    @property
    def key(self) -> str:
        return "24h" if self is ReminderWindow.DAY else "1h"


class DigestPoster(Protocol):
    """All an on-demand digest needs (`Governance.post_digest_now`)."""

    async def post_digest(self, community_id: int, channel_id: int | None, digest: Digest,
                          chart_png: bytes | None) -> None:
        """Post the digest (render it with `governance.scheduler.digest_text`), the chart attached.

        `channel_id` is the community's digest channel; None only for an on-demand digest of a
        community without one. `chart_png` is None when nothing is open."""


@dataclass(frozen=True)
class GovernorPost:
    """A followed Governor's proposal as a post shows it: decoded calls and findings (in
    `proposal`), state, voting window, the token-weighted tally, quorum at its snapshot, and the
    AI summary (None when no model is configured)."""

    info: GovernorInfo
    proposal: GovernorProposal
    tally: TokenTally
    summary: AiResult | None = None


@dataclass(frozen=True)
class Thread:
    """Where a post about a Governor proposal goes: a channel, as a reply to its announcement
    when there is one."""

    channel_id: int
    reply_to: int | None = None


class GovernorPublisher(Protocol):
    """Posts about a followed Governor's proposals (each sent once: see scheduler/governor.py)."""

    async def announce_governor_proposal(self, community_id: int, channel_id: int, post: GovernorPost) -> int:
        """The proposal's announcement; returns the message id (its updates reply to it)."""

    async def post_governor_update(self, community_id: int, thread: Thread, post: GovernorPost,
                                   update: GovernorUpdate) -> None:
        """Quorum reached, voting ended, queued, executed, canceled or expired."""

    async def post_governor_action(self, community_id: int, thread: Thread, info: GovernorInfo,
                                   action: PendingAction) -> None:
        """The execution watchdog: the exact call that moves the proposal on (or that it expires)."""

    async def post_governor_reminder(self, community_id: int, thread: Thread, post: GovernorPost,
                                     window: ReminderWindow) -> None:
        """Voting on the proposal ends in `window`."""


class Publisher(DigestPoster, GovernorPublisher, Protocol):

    async def post_reminder(self, proposal: Proposal, window: ReminderWindow) -> None:
        """Remind the proposal's channel that voting ends in `window`."""

    async def post_result(self, proposal: Proposal, result: CloseResult) -> None:
        """Announce the outcome in the proposal's channel."""

    async def eligible_members(self, community_id: int, member_ids: Collection[int]) -> set[int]:
        """Those of `member_ids` who may vote in the community now (the bot knows their roles)."""

    async def send_dm(self, member_id: int, text: str) -> None:
        """A direct message; `text` is plain and mentions nobody."""

"""Where scheduled posts go. The Discord bot implements `Publisher` (bot.discord.publisher), the
CLI prints (bot.cli.publisher), tests record (tests.fakes.publisher).

Every method is async and may raise: the scheduler logs the failure and marks
the run failed; it never posts the same run twice (see `runs.py`).
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from datetime import timedelta
from typing import Protocol

from governance.domain import Proposal
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


class Publisher(DigestPoster, Protocol):

    async def post_reminder(self, proposal: Proposal, window: ReminderWindow) -> None:
        """Remind the proposal's channel that voting ends in `window`."""

    async def post_result(self, proposal: Proposal, result: CloseResult) -> None:
        """Announce the outcome in the proposal's channel."""

    async def eligible_members(self, community_id: int, member_ids: Collection[int]) -> set[int]:
        """Those of `member_ids` who may vote in the community now (the bot knows their roles)."""

    async def send_dm(self, member_id: int, text: str) -> None:
        """A direct message; `text` is plain and mentions nobody."""

"""A Publisher without Discord: it prints (the CLI and the demo)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from governance.domain import Proposal
from governance.domain.governor.posts import GovernorUpdate
from governance.domain.governor.views import GovernorInfo, PendingAction
from governance.scheduler.digest_text import render_digest_text
from governance.scheduler.governor_text import action_text, announcement_text, reminder_text, update_text
from governance.scheduler.publisher import GovernorPost, ReminderWindow, Thread
from governance.services.closing import CloseResult
from governance.services.digest import Digest


@dataclass
class ConsolePublisher:
    """Prints posts as plain text; saves the chart where asked (the CLI's `--chart`)."""

    write: Callable[[str], None] = print
    chart_path: Path | None = None
    _posted: int = 0  # announcements numbered like message ids

    async def post_digest(self, community_id: int, channel_id: int | None, digest: Digest,
                          chart_png: bytes | None) -> None:
        self.write(render_digest_text(digest))
        if self.chart_path is None:
            return
        if chart_png is None:
            self.write("\nNo chart: no proposal is open.")
        else:
            self.chart_path.write_bytes(chart_png)
            self.write(f"\nChart saved to {self.chart_path}")

    async def post_reminder(self, proposal: Proposal, window: ReminderWindow) -> None:
        self.write(f"Reminder: voting on #{proposal.id} {proposal.title} ends in {window.label}.")

    async def post_result(self, proposal: Proposal, result: CloseResult) -> None:
        self.write(f"Result of #{proposal.id} {proposal.title}: {result.outcome.label}.")

    async def eligible_members(self, community_id: int, member_ids: Collection[int]) -> set[int]:
        return set(member_ids)

    async def send_dm(self, member_id: int, text: str) -> None:
        self.write(f"DM to {member_id}: {text}")

    async def announce_governor_proposal(self, community_id: int, channel_id: int, post: GovernorPost) -> int:
        self.write(announcement_text(post))
        self._posted += 1
        return self._posted

    async def post_governor_update(self, community_id: int, thread: Thread, post: GovernorPost,
                                   update: GovernorUpdate) -> None:
        self.write(update_text(post, update))

    async def post_governor_action(self, community_id: int, thread: Thread, info: GovernorInfo,
                                   action: PendingAction) -> None:
        self.write(action_text(action, info))

    async def post_governor_reminder(self, community_id: int, thread: Thread, post: GovernorPost,
                                     window: ReminderWindow) -> None:
        self.write(reminder_text(post, window))

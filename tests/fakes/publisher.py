"""A scheduler Publisher that records every post instead of sending it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from governance.domain import Proposal
from governance.domain.governor.posts import GovernorUpdate
from governance.domain.governor.views import GovernorInfo, PendingAction
from governance.scheduler.publisher import GovernorPost, ReminderWindow, Thread
from governance.services.closing import CloseResult
from governance.services.digest import Digest


@dataclass(frozen=True)
class Post:
    kind: str  # digest | reminder | result | dm | governor_announcement | governor_update | …
    community_id: int | None
    target: int | None  # the channel, the proposal or the member
    detail: object  # the Digest, the window, the CloseResult or the DM text
    chart_png: bytes | None = None


@dataclass
class RecordingPublisher:
    """Keeps every post in order. `eligible`: who may vote (None: everyone asked about)."""

    eligible: set[int] | None = None
    posts: list[Post] = field(default_factory=list)

    async def post_digest(self, community_id: int, channel_id: int | None, digest: Digest,
                          chart_png: bytes | None) -> None:
        self.posts.append(Post("digest", community_id, channel_id, digest, chart_png))

    async def post_reminder(self, proposal: Proposal, window: ReminderWindow) -> None:
        self.posts.append(Post("reminder", proposal.community_id, proposal.id, window))

    async def post_result(self, proposal: Proposal, result: CloseResult) -> None:
        self.posts.append(Post("result", proposal.community_id, proposal.id, result))

    async def eligible_members(self, community_id: int, member_ids: Collection[int]) -> set[int]:
        return set(member_ids) if self.eligible is None else set(member_ids) & self.eligible

    async def announce_governor_proposal(self, community_id: int, channel_id: int, post: GovernorPost) -> int:
        self.posts.append(Post("governor_announcement", community_id, channel_id, post))
        return 10_000 + len(self.posts)  # its message id

    async def post_governor_update(self, community_id: int, thread: Thread, post: GovernorPost,
                                   update: GovernorUpdate) -> None:
        self.posts.append(Post("governor_update", community_id, thread.reply_to, (post, update)))

    async def post_governor_action(self, community_id: int, thread: Thread, info: GovernorInfo,
                                   action: PendingAction) -> None:
        self.posts.append(Post("governor_action", community_id, thread.reply_to, action))

    async def post_governor_reminder(self, community_id: int, thread: Thread, post: GovernorPost,
                                     window: ReminderWindow) -> None:
        self.posts.append(Post("governor_reminder", community_id, thread.reply_to, (post, window)))

    async def send_dm(self, member_id: int, text: str) -> None:
        self.posts.append(Post("dm", None, member_id, text))

    def of_kind(self, kind: str) -> list[Post]:
        return [p for p in self.posts if p.kind == kind]

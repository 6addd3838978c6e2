"""Where published proposals were posted, kept in the database so restarts do not forget it."""

from __future__ import annotations

from bot.services import PostedMessage
from governance.app import Governance


class StoredAnnouncements:
    def __init__(self, governance: Governance):
        self.governance = governance

    def remember(self, proposal_id: int, posted: PostedMessage) -> None:
        self.governance.record_announcement(proposal_id, posted.channel_id, posted.message_id)

    def find(self, proposal_id: int) -> PostedMessage | None:
        found = self.governance.announcement(proposal_id)
        return PostedMessage(found.channel_id, found.message_id) if found else None

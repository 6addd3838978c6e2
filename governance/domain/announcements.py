"""Where a published proposal was announced, so reminders and results go to the same place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Announcement:
    proposal_id: int
    channel_id: int
    message_id: int
    posted_at: datetime

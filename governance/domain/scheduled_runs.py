"""Scheduled posts as the run ledger records them: each under a unique key, claimed before it is sent.

A digest, a reminder, a reminder DM or a result announcement has one key; claiming it is
what makes it happen once, whichever instance, retry or restart gets there first.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

RESULT = "result"  # the kind of a result announcement


class RunStatus(str, enum.Enum):
    CLAIMED = "claimed"  # recorded; posting in progress (or lost in a crash)
    POSTED = "posted"
    FAILED = "failed"  # the publisher raised; not retried, so never doubled
    SKIPPED = "skipped"  # missed by more than the grace window


@dataclass(frozen=True)
class RunKey:
    community_id: int
    kind: str  # digest, reminder_24h/1h, dm_24h/1h, result
    scheduled_for: datetime
    subject: str = ""  # "" for the community itself, "manual", "proposal:12", "proposal:12/member:34"


def proposal_subject(proposal_id: int, member_id: int | None = None) -> str:
    return f"proposal:{proposal_id}" + (f"/member:{member_id}" if member_id is not None else "")

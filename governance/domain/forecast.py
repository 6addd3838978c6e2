"""Turnout forecast: is an open proposal on course to reach quorum by its deadline?

A straight-line projection of the pace so far. It is deliberately simple so a
member can check it in their head: voters so far, scaled to the whole period.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

TOO_EARLY = timedelta(hours=1)  # an hour of votes says little about a week


class Outlook(str, enum.Enum):
    """Where turnout is heading: is the proposal on course to reach quorum?"""

    REACHED = "reached"
    TOO_EARLY = "too_early"
    ON_COURSE = "on_course"
    BEHIND = "behind"
    ENDED = "ended"  # the deadline passed without quorum


@dataclass(frozen=True)
class Forecast:
    outlook: Outlook
    participants: int
    required: int
    projected: int  # voters expected by the deadline at the current pace

    @property
    def text(self) -> str:
        return {
            Outlook.REACHED: "quorum reached",
            Outlook.TOO_EARLY: "too early to tell",
            Outlook.ON_COURSE: (f"on course to reach quorum: about {self.projected} voters by the deadline at the "
                                f"current pace, {self.required} needed"),
            Outlook.BEHIND: (f"not on course to reach quorum: about {self.projected} of the {self.required} voters "
                             "needed by the deadline at the current pace"),
            Outlook.ENDED: "voting ended without quorum",
        }[self.outlook]


def forecast_turnout(
    participants: int, required: int, opened_at: datetime, deadline: datetime, now: datetime,
) -> Forecast:
    def result(outlook: Outlook, projected: int) -> Forecast:
        return Forecast(outlook, participants, required, projected)

    if participants >= required:
        return result(Outlook.REACHED, participants)
    if now >= deadline:
        return result(Outlook.ENDED, participants)
    elapsed = (now - opened_at).total_seconds()
    if now - opened_at < TOO_EARLY:
        return result(Outlook.TOO_EARLY, participants)
    period = (deadline - opened_at).total_seconds()
    projected = int(participants * period // elapsed)
    return result(Outlook.ON_COURSE if projected >= required else Outlook.BEHIND, projected)

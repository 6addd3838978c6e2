"""A followed Governor's part of the community digest: what changed (new proposals, big votes,
quorum reached, queued, executed, canceled), the open proposals with their turnout by voting
power, and a forecast of whether each reaches quorum at the current pace. (Beside governor/, not in
it: it counts in the engine-neutral units of engines.py, which build on governor/'s token values.)"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from governance.domain.engines import Count, Units
from governance.domain.forecast import Forecast, Outlook, forecast_turnout
from governance.domain.governor.views import GovernorChange

CHANGE_WORDS = {"proposal_created": ("new proposal", "new proposals"), "big_vote": ("big vote", "big votes"),
                "quorum_reached": ("quorum reached", "quorums reached"), "queued": ("queued", "queued"),
                "executed": ("executed", "executed"), "canceled": ("canceled", "canceled")}


@dataclass(frozen=True)
class OpenGovernorProposal:
    number: int
    title: str  # from the description: untrusted text
    state: str  # pending | active
    ends_at: datetime
    estimated: bool  # a future block's time
    count: Count
    forecast: Forecast | None  # None before voting opens (no quorum yet)


@dataclass(frozen=True)
class GovernorDigest:
    governor: str  # "Folk Test Governor · 0x… on chain 1"
    units: Units
    changes: tuple[GovernorChange, ...]  # oldest first
    open: tuple[OpenGovernorProposal, ...]  # soonest end first


def forecast_power(count: Count, opens_at: datetime, ends_at: datetime, now: datetime) -> Forecast | None:
    """At the pace voting power has arrived so far, will what counts toward quorum reach it?"""
    if count.quorum is None:
        return None
    return forecast_turnout(count.toward_quorum, count.quorum, opens_at, ends_at, now)


def forecast_text(forecast: Forecast, units: Units) -> str:
    pace = (f"about {units.short(forecast.projected)} of the {units.short(forecast.required)} quorum "
            "by the end at the current pace")
    return {
        Outlook.REACHED: "quorum reached",
        Outlook.TOO_EARLY: "too early to tell",
        Outlook.ON_COURSE: f"on course to reach quorum: {pace}",
        Outlook.BEHIND: f"not on course to reach quorum: {pace}",
        Outlook.ENDED: "voting ended without quorum",
    }[forecast.outlook]


def governor_narrative(digest: GovernorDigest, since: datetime, zone: str) -> str:
    """A few plain sentences; no model involved."""
    when = f"Since {since.astimezone(ZoneInfo(zone)):%a %d %b %H:%M}"
    counted = Counter(c.kind for c in digest.changes)
    news = [f"{n} {CHANGE_WORDS[kind][n != 1]}" for kind, n in counted.items() if kind in CHANGE_WORDS]
    first = f"{when}, on the Governor: " + ", ".join(news) + "." if news else \
        f"{when}, nothing happened on the Governor."
    if not digest.open:
        return f"{first} No Governor proposal is open for votes."
    reached = sum(1 for o in digest.open if o.count.quorum_reached)
    verb = "is" if len(digest.open) == 1 else "are"
    return (f"{first} {len(digest.open)} Governor proposal{'s' if len(digest.open) != 1 else ''} {verb} "
            f"open or about to open; {reached} {'has' if reached == 1 else 'have'} reached quorum.")

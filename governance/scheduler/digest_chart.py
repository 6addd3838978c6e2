"""The chart attached to a digest: its open proposals' tallies against quorum."""

from __future__ import annotations

from governance.adapters.chart import TallyBar, tally_chart
from governance.services.digest import Digest


def chart_bars(digest: Digest) -> list[TallyBar]:
    """One bar per open proposal, soonest deadline first (the chart shows the first MAX_BARS)."""
    return [TallyBar(f"#{o.id} {o.title}", o.tally.for_votes, o.tally.against_votes,
                     o.tally.abstain_votes, o.quorum_required) for o in digest.open]


def digest_chart(digest: Digest) -> bytes | None:
    """The PNG, or None when nothing is open."""
    return tally_chart(chart_bars(digest)).png if digest.open else None

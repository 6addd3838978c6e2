"""The digest chart: open proposals' votes as stacked bars, with each one's quorum marked
(`digest_chart` is what the scheduler is given to draw with).

matplotlib loads lazily (≈1 s) and draws on a bare Figure with the Agg canvas:
no pyplot, so no global figure state and safe in worker threads.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from governance.services.digest import Digest

MAX_BARS = 20  # more would not be legible in a Discord attachment
COLOURS = {"For": "#2e9d5b", "Against": "#d0463b", "Abstain": "#9aa0a6"}


@dataclass(frozen=True)
class TallyBar:
    label: str  # e.g. "#12 Buy a lawnmower"
    for_votes: int
    against_votes: int
    abstain_votes: int
    quorum: int


@dataclass(frozen=True)
class Chart:
    png: bytes
    width: int  # pixels
    height: int
    plotted: tuple[TallyBar, ...]  # read back from the drawn bars, not copied from the input


def chart_bars(digest: Digest) -> list[TallyBar]:
    """One bar per open proposal, soonest deadline first (the chart shows the first MAX_BARS)."""
    return [TallyBar(f"#{o.id} {o.title}", o.tally.for_votes, o.tally.against_votes,
                     o.tally.abstain_votes, o.quorum_required) for o in digest.open]


def digest_chart(digest: Digest) -> bytes | None:
    """The PNG, or None when nothing is open."""
    return tally_chart(chart_bars(digest)).png if digest.open else None


def tally_chart(bars: Sequence[TallyBar], title: str = "Open proposals: votes against quorum"
                ) -> Chart:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    bars = list(bars)[:MAX_BARS]
    figure = Figure(figsize=(8, 1.2 + 0.45 * max(len(bars), 1)), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    rows = list(range(len(bars)))[::-1]  # the first bar on top
    left = [0] * len(bars)
    for name, values in (("For", [b.for_votes for b in bars]),
                         ("Against", [b.against_votes for b in bars]),
                         ("Abstain", [b.abstain_votes for b in bars])):
        axes.barh(rows, values, left=left, color=COLOURS[name], label=name, height=0.6)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for row, bar in zip(rows, bars, strict=True):
        axes.vlines(bar.quorum, row - 0.4, row + 0.4, colors="black", linewidth=2)
    widest = max([max(total, b.quorum) for total, b in zip(left, bars, strict=True)], default=0)
    axes.set_xlim(0, max(widest, 1) * 1.3)  # room on the right for the legend
    axes.set_yticks(rows, [_short(b.label) for b in bars])
    axes.set_xlabel("voters (black line: quorum)")
    axes.set_title(title if bars else "No open proposals")
    axes.xaxis.get_major_locator().set_params(integer=True)
    if bars:
        axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    plotted = _read_back(axes, bars)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    width, height = (int(v) for v in figure.canvas.get_width_height())
    return Chart(png=buffer.getvalue(), width=width, height=height, plotted=plotted)


def _read_back(axes, bars: list[TallyBar]) -> tuple[TallyBar, ...]:
    """The values as drawn: each bar container's widths, and each quorum line's position."""
    widths = [[round(patch.get_width()) for patch in container] for container in axes.containers]
    quorums = [round(segment[0][0]) for collection in axes.collections
               for segment in collection.get_segments()]
    if not bars:
        return ()
    return tuple(TallyBar(b.label, widths[0][i], widths[1][i], widths[2][i], quorums[i])
                 for i, b in enumerate(bars))


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"

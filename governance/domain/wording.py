"""Numbers in sentences: plurals, and shares that never round to 100% (or 0%) unless they are."""

from __future__ import annotations

IRREGULAR = {"community": "communities", "was": "were", "is": "are", "has": "have"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """"1 server", "2 servers", "0 communities"."""
    return f"{count:,} {noun if count == 1 else (many or IRREGULAR.get(noun) or noun + 's')}"


def percent(fraction: float, digits: int = 0) -> str:
    """A share as a percentage, rounded, but 100% only when it is all and 0% only when it is none:
    99.99% of the way is not "100%"."""
    scale = 10 ** digits
    shown = round(fraction * 100 * scale) / scale
    if shown >= 100 and fraction < 1:
        shown = 100 - 1 / scale
    elif shown <= 0 < fraction:
        shown = 1 / scale
    return f"{shown:.{digits}f}%"


def bps_percent(bps: int) -> str:
    """Basis points exactly as a percentage: 9999 → "99.99%", 5000 → "50%"."""
    return f"{bps / 100:g}%"

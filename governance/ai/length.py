"""Cutting text to the channel's limits at a word boundary (counted in display width: UTF-16
code units, see governance.domain.text.display_width)."""

from __future__ import annotations

from collections.abc import Callable

from governance.domain.text import cut_to_width, display_width

ELLIPSIS = "…"


def truncate(text: str, limit: int) -> str:
    """At most `limit` wide; cut at a word boundary with an ellipsis when it must."""
    if display_width(text) <= limit:
        return text
    cut = cut_to_width(text, max(limit - display_width(ELLIPSIS), 0))
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def fit(text: str, limit: int, decorate: Callable[[str], str]) -> str:
    """`decorate(truncate(text, n))` for the largest n whose result still fits `limit`.

    Decorating after cutting keeps a flag attached to what it marks (a cut never
    lands inside "⚠ not in source"); decorating can add characters, hence the loop.
    """
    budget = limit
    while True:
        result = decorate(truncate(text, budget))
        if display_width(result) <= limit or budget <= 1:
            return cut_to_width(result, limit)
        budget -= max(display_width(result) - limit, 1)


def fit_lines(text: str, limit: int, decorate: Callable[[str], str]) -> str:
    """Like fit, for a list: whole lines are dropped from the end, and a last line says how
    many, so no line (an address, an amount) is ever cut in half."""
    lines = text.splitlines()
    for keep in range(len(lines), -1, -1):
        dropped = len(lines) - keep
        tail = [f"- …and {dropped} more in the source"] if dropped else []
        result = decorate("\n".join(lines[:keep] + tail))
        if display_width(result) <= limit:
            return result
    return fit(text, limit, decorate)

"""Cutting text to Discord's limits at a word boundary."""

from __future__ import annotations

from collections.abc import Callable

ELLIPSIS = "…"


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters; cut at a word boundary with an ellipsis when it must."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - len(ELLIPSIS), 0)]
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
        if len(result) <= limit or budget <= 1:
            return result[:limit]
        budget -= max(len(result) - limit, 1)


def fit_lines(text: str, limit: int, decorate: Callable[[str], str]) -> str:
    """Like fit, for a list: whole lines are dropped from the end, and a last line says how
    many, so no line (an address, an amount) is ever cut in half."""
    lines = text.splitlines()
    for keep in range(len(lines), -1, -1):
        dropped = len(lines) - keep
        tail = [f"- …and {dropped} more in the source"] if dropped else []
        result = decorate("\n".join(lines[:keep] + tail))
        if len(result) <= limit:
            return result
    return fit(text, limit, decorate)

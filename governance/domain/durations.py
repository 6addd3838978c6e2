"""Durations as people type them: 90s, 30m, 12h, 7d, 2w."""

from __future__ import annotations

import re
from datetime import timedelta

from governance.errors import InvalidInput

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_PATTERN = re.compile(r"^\s*(\d{1,6})\s*([smhdw])\s*$", re.IGNORECASE)


def parse_duration(text: str) -> timedelta:
    match = _PATTERN.match(text or "")
    if not match:
        raise InvalidInput(f"'{(text or '')[:20]}' is not a duration; use e.g. 30m, 12h, 7d or 2w.")
    amount, unit = int(match.group(1)), match.group(2).lower()
    return timedelta(**{_UNITS[unit]: amount})


def format_duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds <= 0:
        return "0m"
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{minutes}m" if minutes and not days else ""]
    return " ".join(p for p in parts if p) or "<1m"


def duration_words(delta: timedelta) -> str:
    """A duration in words, exactly: "3 days", "1 day 12 hours", "90 minutes" → "1 hour 30 minutes"."""
    seconds = int(delta.total_seconds())
    if seconds <= 0:
        return "0 seconds"
    parts = []
    for unit, size in (("week", 604_800), ("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1)):
        amount, seconds = divmod(seconds, size)
        if unit == "week" and amount and seconds:  # "10 days", not "1 week 3 days"
            seconds += amount * size
            continue
        if amount:
            parts.append(f"{amount} {unit}{'' if amount == 1 else 's'}")
    return " ".join(parts)

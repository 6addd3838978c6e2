"""Five-field cron expressions (minute hour day month weekday), checked without running them.

The scheduler's own parser (APScheduler's CronTrigger) lives in an adapter; this keeps a
bad schedule from ever being saved, so a digest is never silently lost to a typo.
"""

from __future__ import annotations

import re

from governance.errors import InvalidInput

MAX_CHARS = 100
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_DAYS = "mon tue wed thu fri sat sun".split()
_FIELDS = (  # (name, lowest, highest, names)
    ("minute", 0, 59, ()), ("hour", 0, 23, ()), ("day", 1, 31, ()),
    ("month", 1, 12, _MONTHS), ("weekday", 0, 7, _DAYS),
)
_ATOM = re.compile(r"^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:/(\d{1,2}))?$")


def validate_cron(expression: str) -> str:
    text = " ".join(str(expression).lower().split())
    if len(text) > MAX_CHARS or len(text.split(" ")) != 5:
        raise InvalidInput("The digest schedule must be a cron expression with 5 fields, like '0 9 * * mon'.")
    for part, (name, low, high, names) in zip(text.split(" "), _FIELDS):
        for atom in part.split(","):
            if not _valid_atom(atom, low, high, names):
                raise InvalidInput(f"'{part[:20]}' is not a valid {name} in the digest schedule.")
    return text


def _valid_atom(atom: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    match = _ATOM.match(atom)
    if not match:
        return False
    span, step = match.group(1), match.group(2)
    if step is not None and not 1 <= int(step) <= high:
        return False
    if span == "*":
        return True
    bounds = [_value(v, low, names) for v in span.split("-")]
    return all(b is not None and low <= b <= high for b in bounds) and bounds[0] <= bounds[-1]


def _value(token: str, low: int, names: tuple[str, ...]) -> int | None:
    if token.isdigit():
        return int(token)
    if token in names:
        return names.index(token) + (1 if low == 1 else 0)  # months count from 1, weekdays from 0
    return None

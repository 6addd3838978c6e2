"""Cron schedules in a community's time zone, read the way crontab reads them.

APScheduler 3 numbers weekdays from Monday = 0, while crontab has Sunday = 0
(its own docs warn of this), so numeric weekdays are turned into names first:
"0 9 * * 1" must mean Monday here, as it does everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # crontab order: 0 (and 7) is Sunday


def digest_trigger(cron: str, timezone: str) -> CronTrigger:
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"a cron expression has 5 fields, not {len(fields)}: {cron!r}")
    fields[4] = crontab_weekdays(fields[4])
    return CronTrigger.from_crontab(" ".join(fields), timezone=ZoneInfo(timezone))


def crontab_weekdays(field: str) -> str:
    """The day-of-week field with crontab's numbers as names ("1-5" → "mon,tue,wed,thu,fri")."""
    parts = []
    for part in field.lower().split(","):
        if not any(ch.isdigit() for ch in part.split("/")[0]) and "/" not in part:
            parts.append(part)  # "*", "mon", "mon-fri": the same in both conventions
            continue
        parts.extend(DAY_NAMES[d % 7] for d in _expand(part))
    return ",".join(dict.fromkeys(parts))


def _expand(part: str) -> list[int]:
    span, _, step_text = part.partition("/")
    step = int(step_text) if step_text else 1
    if span == "*":
        first, last = 0, 6
    elif "-" in span:
        first, last = (_day_number(x) for x in span.split("-", 1))
    else:
        first = _day_number(span)
        last = 6 if step_text else first
    if not (0 <= first <= 7 and 0 <= last <= 7 and step >= 1):
        raise ValueError(f"not a day of the week: {part!r}")
    return list(range(first, last + 1, step))


def _day_number(text: str) -> int:
    return DAY_NAMES.index(text) if text in DAY_NAMES else int(text)


def fire_times(trigger: CronTrigger, after: datetime, until: datetime, limit: int = 10_000
               ) -> Iterator[datetime]:
    """Scheduled moments in (after, until], oldest first, at most `limit` of them."""
    moment = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
    while moment is not None and moment <= until and limit > 0:
        yield moment
        limit -= 1
        moment = trigger.get_next_fire_time(moment, moment)

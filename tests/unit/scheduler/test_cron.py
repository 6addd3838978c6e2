"""Digest schedules read as crontab reads them, in the community's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from governance.scheduler.cron import crontab_weekdays, digest_trigger, fire_times

UTC = UTC


@pytest.mark.parametrize(
    "field, names",
    [
        ("mon", "mon"),
        ("1", "mon"),
        ("0", "sun"),
        ("7", "sun"),
        ("1-5", "mon,tue,wed,thu,fri"),
        ("*/2", "sun,tue,thu,sat"),
        ("mon-fri", "mon-fri"),
        ("0,3", "sun,wed"),
        ("*", "*"),
    ],
)
def test_crontab_weekday_numbers_become_names(field, names):
    assert crontab_weekdays(field) == names


def test_numeric_monday_means_monday():
    """APScheduler 3 alone would read 1 as Tuesday."""
    week = list(
        fire_times(
            digest_trigger("0 9 * * 1", "UTC"),
            datetime(2026, 11, 1, tzinfo=UTC),
            datetime(2026, 11, 8, tzinfo=UTC),
        )
    )
    assert [m.strftime("%a %H:%M") for m in week] == ["Mon 09:00"]


def test_local_time_holds_across_a_daylight_saving_change():
    paris = ZoneInfo("Europe/Paris")  # summer time ends on 25 October 2026
    days = list(
        fire_times(
            digest_trigger("0 9 * * *", "Europe/Paris"),
            datetime(2026, 10, 23, tzinfo=UTC),
            datetime(2026, 10, 27, tzinfo=UTC),
        )
    )
    assert [d.astimezone(paris).strftime("%d %H:%M") for d in days] == [
        "23 09:00",
        "24 09:00",
        "25 09:00",
        "26 09:00",
    ]
    assert [d.astimezone(UTC).hour for d in days] == [7, 7, 8, 8]


def test_fire_times_are_exclusive_of_the_start_and_inclusive_of_the_end():
    trigger = digest_trigger("0 * * * *", "UTC")
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert list(fire_times(trigger, start, start + timedelta(hours=2))) == [
        start + timedelta(hours=1),
        start + timedelta(hours=2),
    ]
    assert len(list(fire_times(trigger, start, start + timedelta(days=30), limit=5))) == 5


def test_a_malformed_schedule_is_refused():
    with pytest.raises(ValueError):
        digest_trigger("0 9 * *", "UTC")
    with pytest.raises(ValueError):
        digest_trigger("0 9 * * 9", "UTC")

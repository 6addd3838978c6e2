"""The turnout forecast, stated plainly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from governance.domain.forecast import Outlook, forecast_turnout

OPENED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DEADLINE = OPENED + timedelta(days=4)


def at(hours: float, participants: int, required: int = 10):
    return forecast_turnout(
        participants, required, OPENED, DEADLINE, OPENED + timedelta(hours=hours)
    )


def test_the_first_hour_is_too_early_to_tell():
    assert at(0.5, 1).outlook is Outlook.TOO_EARLY
    assert at(0.99, 0).text == "too early to tell"


def test_quorum_reached_wins_over_everything():
    assert at(0.1, 10).text == "quorum reached"
    assert at(200, 12).outlook is Outlook.REACHED


def test_on_course_at_the_current_pace():
    forecast = at(24, 3)  # 3 voters in the first of 4 days: about 12 by the deadline
    assert forecast.outlook is Outlook.ON_COURSE and forecast.projected == 12
    # not "about 12 of 10 voters" (#12): a forecast above the required count says both numbers apart
    assert forecast.text == (
        "on course to reach quorum: about 12 voters by the deadline at the current pace, 10 needed"
    )


def test_behind_at_the_current_pace():
    forecast = at(48, 2)  # 2 voters in 2 of 4 days: about 4
    assert forecast.outlook is Outlook.BEHIND and forecast.projected == 4
    assert forecast.text.startswith("not on course to reach quorum: about 4 of the 10 voters needed")


def test_after_the_deadline_without_quorum():
    assert at(96, 3).text == "voting ended without quorum"


def test_nobody_voting_is_behind_once_past_the_first_hour():
    assert at(2, 0).outlook is Outlook.BEHIND

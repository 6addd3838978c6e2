"""Which reminder is due when, and who gets a direct message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from governance.domain import Proposal
from governance.scheduler.publisher import ReminderWindow
from governance.scheduler.reminders import dm_text, members_to_remind, reminder_window

OPENED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def proposal(period: timedelta) -> Proposal:
    p = Proposal(community_id=1, author="discord:1", created_at=OPENED, id=7)
    p.add_revision("Plant trees", "Ten oaks.", "discord:1", OPENED)
    p.publish(OPENED, period, quorum_required=3, threshold_bps=5000, eligible_count=None)
    return p


def test_the_shortest_fitting_window_is_due():
    p = proposal(timedelta(days=3))
    deadline = p.deadline
    assert reminder_window(p, deadline - timedelta(hours=30)) is None
    assert reminder_window(p, deadline - timedelta(hours=24)) is ReminderWindow.DAY
    assert reminder_window(p, deadline - timedelta(hours=2)) is ReminderWindow.DAY
    assert reminder_window(p, deadline - timedelta(minutes=59)) is ReminderWindow.HOUR
    assert reminder_window(p, deadline) is None


def test_no_reminder_for_a_window_longer_than_the_vote():
    p = proposal(timedelta(hours=12))
    assert reminder_window(p, OPENED) is None
    assert reminder_window(p, p.deadline - timedelta(minutes=30)) is ReminderWindow.HOUR
    assert reminder_window(proposal(timedelta(minutes=30)), OPENED + timedelta(minutes=1)) is None


def test_members_who_voted_get_no_direct_message():
    assert members_to_remind({11, 12, 13}, {"discord:12", "wallet:0xabc"}) == {11, 13}


def test_the_direct_message_names_the_proposal_and_the_command():
    text = dm_text(proposal(timedelta(days=3)), ReminderWindow.HOUR)
    assert "#7" in text and "Plant trees" in text and "1 hour" in text and "/vote 7" in text

"""Followed Governors in Discord: how their proposals look (embeds.py: the card, the list, the
tally, the summary with decoded calls and findings, the watchdog's call) and how the scheduler's
posts about them go out (posts.py: announcements, replies, reminders). Used by the proposals,
voting, verification and settings features and by the publisher; it imports none of them."""

"""Scheduled digests, deadline reminders and automatic closing, run once per database.

A layer above the use cases: `ScheduledPosts` (posts.py) does what each job does, on the
application's units of work and its own ports (the run ledger and reminder opt-ins are
repositories of the unit of work; the job store, the leader lock and the chart come from
`governance.bootstrap`). `GovernanceScheduler` (service.py) runs APScheduler 3 on the persistent
job store while this instance leads (one leads at a time). Every post is claimed in the run
ledger before it is sent, so nothing is posted twice. Nothing here imports SQL.
"""

from governance.scheduler.posts import ScheduledPosts
from governance.scheduler.publisher import DigestPoster, NowhereToPost, Publisher, ReminderWindow
from governance.scheduler.service import GovernanceScheduler

__all__ = ["DigestPoster", "GovernanceScheduler", "NowhereToPost", "Publisher", "ReminderWindow", "ScheduledPosts"]

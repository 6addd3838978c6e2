"""Scheduled digests, deadline reminders and automatic closing, run once per database.

APScheduler 3 (`AsyncIOScheduler`) runs inside the bot process on a job store in
the app's database; one instance leads at a time (`leader.py`), and every post
is recorded in the run ledger before it is sent (`runs.py`), so nothing is
posted twice. Start with `build_scheduler(...)` (see `service.py`).
"""

from governance.scheduler.publisher import Publisher, ReminderWindow
from governance.scheduler.runtime import SchedulerRuntime, build_runtime
from governance.scheduler.service import GovernanceScheduler, build_scheduler

__all__ = [
    "GovernanceScheduler", "Publisher", "ReminderWindow", "SchedulerRuntime", "build_runtime",
    "build_scheduler",
]

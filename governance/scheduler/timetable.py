"""APScheduler's side: the jobs this app keeps in its persistent store (the sweep, and one digest
job per community), and the scheduler on that store (the store itself is an adapter, given)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from apscheduler.jobstores.base import BaseJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from governance.domain import Community
from governance.scheduler.cron import digest_trigger
from governance.scheduler.jobs import digest_job, sweep_job

log = logging.getLogger(__name__)

SWEEP = "sweep"
DIGEST_PREFIX = "digest:"


def make_apscheduler(store: BaseJobStore, grace: timedelta) -> AsyncIOScheduler:
    return AsyncIOScheduler(
        jobstores={"default": store}, timezone=UTC,
        # runs missed while stopped: within the grace window once (coalesced); older ones are
        # skipped, and APScheduler logs them
        job_defaults={"coalesce": True, "misfire_grace_time": int(grace.total_seconds()),
                      "max_instances": 1},
    )


def schedule_sweep(scheduler: AsyncIOScheduler, every: timedelta) -> None:
    """Closing and reminders poll the database, so they need no job per proposal. The first run
    is now: it catches up deadlines crossed while no scheduler ran."""
    scheduler.add_job(sweep_job, IntervalTrigger(seconds=every.total_seconds()), id=SWEEP,
                      name="close, announce and remind", replace_existing=True,
                      next_run_time=datetime.now(UTC))


def sync_digest_jobs(scheduler: AsyncIOScheduler, communities: Iterable[Community]
                     ) -> dict[int, str]:
    """One cron job per community with a digest channel; returns the invalid schedules found.

    A job whose schedule did not change is left alone, keeping its stored next run time, so a
    run missed while stopped is caught up."""
    wanted, invalid = {}, {}
    for community in communities:
        if community.digest_channel_id is None:
            continue
        try:
            trigger = digest_trigger(community.digest_cron, community.timezone)
        except (ValueError, KeyError) as error:  # ZoneInfoNotFoundError is a KeyError
            invalid[community.id] = f"{community.digest_cron!r} in {community.timezone}: {error}"
            continue
        wanted[f"{DIGEST_PREFIX}{community.id}"] = (community.id, trigger)
    stored = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(DIGEST_PREFIX)}
    for job_id in stored.keys() - wanted.keys():
        scheduler.remove_job(job_id)
    for job_id, (community_id, trigger) in wanted.items():
        if job_id in stored and repr(stored[job_id].trigger) == repr(trigger):
            continue
        scheduler.add_job(digest_job, trigger, args=(community_id,), id=job_id,
                          name=f"digest of community {community_id}", replace_existing=True)
        log.info("community %s: digest scheduled %s", community_id, trigger)
    return invalid

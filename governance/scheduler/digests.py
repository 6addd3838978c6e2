"""Posting a community's digest: at its cron time (once, whoever runs it), or on demand."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from governance.domain import Community
from governance.errors import Conflict, Unavailable
from governance.scheduler.cron import digest_trigger, fire_times
from governance.scheduler.posting import send_claimed
from governance.scheduler.runs import RunKey, RunStatus
from governance.services.digest import Digest, build_digest

if TYPE_CHECKING:
    from governance.scheduler.runtime import SchedulerRuntime

log = logging.getLogger(__name__)

DIGEST = "digest"
SCHEDULED = ""  # the subject of cron digests
MANUAL = "manual"  # the subject of on-demand ones
FIRST_DIGEST_COVERS = timedelta(days=7)  # how far back the very first digest looks


@dataclass(frozen=True)
class DigestPost:
    key: RunKey
    digest: Digest
    chart_png: bytes | None
    channel_id: int | None


async def run_scheduled_digest(rt: SchedulerRuntime, community: Community) -> bool:
    """Posts the digest whose cron time fell in the grace window, unless someone has (True if
    this call sent it)."""
    now = rt.now()
    if community.digest_channel_id is None:
        return False  # nowhere to post; its job goes at the next refresh
    trigger = digest_trigger(community.digest_cron, community.timezone)
    recent = list(fire_times(trigger, now - rt.grace, now))
    if not recent:
        return False  # not a digest time (known without touching the database)
    post = await asyncio.to_thread(_claim, rt, community, recent[-1], now)
    if post is None:
        return False
    what = f"the digest of community {community.id}"
    return await send_claimed(rt, post.key, _send(rt, post), what)


async def post_digest_now(rt: SchedulerRuntime, community_id: int, record: bool = True) -> Digest:
    """An unscheduled digest (the CLI, `/digest now`), published at once.

    record=False is a preview: not marked as sent, so the next digest still covers its period."""
    now = rt.now()
    key = RunKey(community_id, DIGEST, now, MANUAL)
    await asyncio.to_thread(rt.gov.community, community_id)  # an unknown community fails first
    if not record:
        post = await asyncio.to_thread(_prepare, rt, key, now)
        await _send(rt, post)
        return post.digest
    if not await asyncio.to_thread(rt.runs.claim, key, now):
        raise Conflict()  # another on-demand digest at this very microsecond
    post = await asyncio.to_thread(_prepare_claimed, rt, key, now)
    if not await send_claimed(rt, key, _send(rt, post), f"the digest of community {community_id}"):
        raise Unavailable("The digest could not be posted; the log says why.")
    return post.digest


def _claim(rt: SchedulerRuntime, community: Community, due: datetime, now: datetime
           ) -> DigestPost | None:
    _record_missed(rt, community, before=now - rt.grace, now=now)
    key = RunKey(community.id, DIGEST, due)
    if not rt.runs.claim(key, now):
        return None
    return _prepare_claimed(rt, key, now)


def _prepare_claimed(rt: SchedulerRuntime, key: RunKey, now: datetime) -> DigestPost:
    """Builds a claimed run's digest; a failure is recorded on the run, which is never retried."""
    try:
        return _prepare(rt, key, now)
    except Exception as error:
        rt.runs.finish(key, RunStatus.FAILED, rt.now(), repr(error)[:500])
        raise


def _record_missed(rt: SchedulerRuntime, community: Community, before: datetime,
                   now: datetime) -> None:
    """Cron times since the last recorded one, older than the grace window: skipped, logged once."""
    last = rt.runs.latest(community.id, DIGEST, subject=SCHEDULED)
    if last is None:
        return  # no history yet: nothing was missed
    trigger = digest_trigger(community.digest_cron, community.timezone)
    missed = list(fire_times(trigger, last, before, limit=1_000))
    detail = f"{len(missed)} missed by more than {rt.grace}"
    if missed and rt.runs.claim(RunKey(community.id, DIGEST, missed[-1]), now, RunStatus.SKIPPED,
                                detail):
        log.warning("community %s: %d digest(s) due between %s and %s were missed by more than "
                    "%s; skipped", community.id, len(missed), missed[0], missed[-1], rt.grace)


def covered_since(runs, community_id: int, until: datetime) -> datetime:
    """A digest covers what happened since the last one posted (a week back for the first)."""
    return runs.latest(community_id, DIGEST, statuses=[RunStatus.POSTED]) or until - FIRST_DIGEST_COVERS


def _prepare(rt: SchedulerRuntime, key: RunKey, now: datetime) -> DigestPost:
    since = covered_since(rt.runs, key.community_id, key.scheduled_for)
    gov = rt.gov
    digest = build_digest(gov.read_uow(), gov.clock, gov.ledger, key.community_id, since, rt.narrate)
    channel = gov.community(key.community_id).digest_channel_id
    return DigestPost(key, digest, rt.chart(digest), channel)


def _send(rt: SchedulerRuntime, post: DigestPost):
    return rt.publisher.post_digest(post.key.community_id, post.channel_id, post.digest,
                                    post.chart_png)

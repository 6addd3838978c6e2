"""Posting a community's digest: at its cron time (once, whoever runs it), or on demand."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from governance.domain import Community
from governance.domain.governor_digest import GovernorDigest, governor_narrative
from governance.domain.scheduled_runs import RunKey, RunStatus
from governance.errors import Conflict, Unavailable
from governance.ports import LedgerReader, UnitOfWork
from governance.scheduler.cron import digest_trigger, fire_times
from governance.scheduler.posting import Posting
from governance.services import lookup
from governance.services.digest import PLAIN_LABEL, Digest, Narrate, build_digest

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


class DigestPosts(Posting):
    ledger: LedgerReader | None
    narrate: Narrate | None
    chart: Callable[[Digest], bytes | None]
    governor_digest: Callable[[int, datetime], GovernorDigest | None]  # GovernorPosts

    async def run_scheduled_digest(self, community: Community) -> bool:
        """Posts the digest whose cron time fell in the grace window, unless someone has (True if
        this call sent it)."""
        now = self.now()
        if community.digest_channel_id is None:
            return False  # nowhere to post; its job goes at the next refresh
        trigger = digest_trigger(community.digest_cron, community.timezone)
        recent = list(fire_times(trigger, now - self.grace, now))
        if not recent:
            return False  # not a digest time (known without touching the database)
        post = await asyncio.to_thread(self._claim_due, community, recent[-1], now)
        if post is None:
            return False
        return await self.send_claimed(post.key, self._send(post), f"the digest of community {community.id}")

    async def post_digest_now(self, community_id: int, record: bool = True) -> Digest:
        """An unscheduled digest (`folkmoot digest`, `/digest now`), published at once and recorded
        like any other run, so the next digest covers the time since.

        record=False is a preview: not marked as sent, so the next digest still covers its period."""
        now = self.now()
        key = RunKey(community_id, DIGEST, now, MANUAL)
        await asyncio.to_thread(self._community, community_id)  # an unknown community fails first
        if not record:
            post = await asyncio.to_thread(self._prepare, key, now)
            await self._send(post)
            return post.digest
        if not await asyncio.to_thread(self.claim, key, now):
            raise Conflict()  # another on-demand digest at this very microsecond
        post = await asyncio.to_thread(self._prepare_claimed, key, now)
        if not await self.send_claimed(key, self._send(post), f"the digest of community {community_id}"):
            raise Unavailable("The digest could not be posted; the log says why.")
        return post.digest

    def _claim_due(self, community: Community, due: datetime, now: datetime) -> DigestPost | None:
        self._record_missed(community, before=now - self.grace, now=now)
        key = RunKey(community.id, DIGEST, due)
        if not self.claim(key, now):
            return None
        return self._prepare_claimed(key, now)

    def _prepare_claimed(self, key: RunKey, now: datetime) -> DigestPost:
        """Builds a claimed run's digest; a failure is recorded on the run, which is never retried."""
        try:
            return self._prepare(key, now)
        except Exception as error:
            self.finish(key, RunStatus.FAILED, repr(error)[:500])
            raise

    def _record_missed(self, community: Community, before: datetime, now: datetime) -> None:
        """Cron times since the last recorded one, older than the grace window: skipped, logged once."""
        with self.read_uow() as uow:
            last = uow.runs.latest(community.id, DIGEST, subject=SCHEDULED)
        if last is None:
            return  # no history yet: nothing was missed
        trigger = digest_trigger(community.digest_cron, community.timezone)
        missed = list(fire_times(trigger, last, before, limit=1_000))
        detail = f"{len(missed)} missed by more than {self.grace}"
        if missed and self.claim(RunKey(community.id, DIGEST, missed[-1]), now, RunStatus.SKIPPED, detail):
            log.warning("community %s: %d digest(s) due between %s and %s were missed by more than "
                        "%s; skipped", community.id, len(missed), missed[0], missed[-1], self.grace)

    def _prepare(self, key: RunKey, now: datetime) -> DigestPost:
        since = covered_since(self.read_uow(), key.community_id, key.scheduled_for)
        digest = build_digest(self.read_uow(), self.clock, self.ledger, key.community_id, since, self.narrate)
        governor = self.governor_digest(key.community_id, since)
        if governor is not None:
            digest = with_governor(digest, governor)
        channel = self._community(key.community_id).digest_channel_id
        return DigestPost(key, digest, self.chart(digest), channel)

    def _community(self, community_id: int) -> Community:
        with self.read_uow() as uow:
            return lookup.community(uow, community_id)

    def _send(self, post: DigestPost):
        return self.publisher.post_digest(post.key.community_id, post.channel_id, post.digest,
                                          post.chart_png)


def with_governor(digest: Digest, governor: GovernorDigest) -> Digest:
    """The digest with its Governor part; where the ledger saw nothing, the Governor's news lead."""
    told = governor_narrative(governor, digest.since, digest.timezone)
    if not digest.changes:
        return replace(digest, governor=governor, narrative=told, narrative_label=PLAIN_LABEL)
    return replace(digest, governor=governor, narrative=f"{digest.narrative}\n{told}")


def covered_since(uow: UnitOfWork, community_id: int, until: datetime) -> datetime:
    """A digest covers what happened since the last one posted (a week back for the first)."""
    with uow:
        last = uow.runs.latest(community_id, DIGEST, statuses=[RunStatus.POSTED])
    return last or until - FIRST_DIGEST_COVERS

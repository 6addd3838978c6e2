"""/digest now on the scheduler's digest: what changed (narrated), open proposals with forecasts,
recent results, the chart, and where to verify."""

from __future__ import annotations

import asyncio

from bot.services import Digest, DigestFile
from governance.app import Governance
from governance.scheduler.digest_chart import digest_chart
from governance.scheduler.digest_text import digest_sections, digest_title
from governance.scheduler.digests import covered_since
from governance.scheduler.runs import RunStore
from governance.services.digest import build_digest


class ScheduledDigest:
    def __init__(self, governance: Governance):
        self.governance = governance

    async def build(self, community_id: int) -> Digest:
        return await asyncio.to_thread(self._build, community_id)

    def _build(self, community_id: int) -> Digest:
        gov = self.governance
        narrate = gov.ai.narrator() if gov.ai is not None else None
        since = covered_since(RunStore(gov.engine), community_id, gov.clock.now())
        digest = build_digest(gov.read_uow(), gov.clock, gov.ledger, community_id, since, narrate)
        return as_post(digest, digest_chart(digest))


def as_post(digest, chart_png: bytes | None) -> Digest:
    """The scheduler's digest as the bot posts it: narrative, one field per section, the chart."""
    files = (DigestFile("tallies.png", chart_png),) if chart_png else ()
    return Digest(title=digest_title(digest), text=digest.narrative, sections=tuple(digest_sections(digest)),
                  files=files, footer=digest.narrative_label)

"""The functions APScheduler stores and calls: module-level, with plain arguments only."""

from __future__ import annotations

from governance.scheduler import registry


async def digest_job(community_id: int) -> None:
    posts = registry.active()
    await posts.tracked(posts.run_digest(community_id))


async def sweep_job() -> None:
    posts = registry.active()
    await posts.tracked(posts.sweep())

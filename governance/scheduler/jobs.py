"""The functions APScheduler stores and calls: module-level, with plain arguments only."""

from __future__ import annotations

from governance.scheduler import registry


async def digest_job(community_id: int) -> None:
    runtime = registry.active()
    await runtime.tracked(runtime.run_digest(community_id))


async def sweep_job() -> None:
    runtime = registry.active()
    await runtime.tracked(runtime.sweep())

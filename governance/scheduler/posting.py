"""Sending one claimed run and recording how it went."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from governance.scheduler.runs import RunKey, RunStatus

if TYPE_CHECKING:
    from governance.scheduler.runtime import SchedulerRuntime

log = logging.getLogger(__name__)


async def claim_and_send(rt: SchedulerRuntime, key: RunKey, send: Callable[[], Awaitable[None]],
                         what: str, traceback: bool = True) -> bool:
    """Sends only if this call recorded the run first; True if it was sent."""
    if not await asyncio.to_thread(rt.runs.claim, key, rt.now()):
        return False  # another instance, a retry or an earlier run has it
    return await send_claimed(rt, key, send(), what, traceback)


async def send_claimed(rt: SchedulerRuntime, key: RunKey, sending: Awaitable[None], what: str,
                       traceback: bool = True) -> bool:
    """A failure is logged and recorded, never retried: a retry could post twice."""
    try:
        await sending
    except Exception as error:
        log.warning("%s failed: %r", what, error, exc_info=traceback)
        await asyncio.to_thread(rt.runs.finish, key, RunStatus.FAILED, rt.now(), repr(error)[:500])
        return False
    await asyncio.to_thread(rt.runs.finish, key, RunStatus.POSTED, rt.now())
    return True

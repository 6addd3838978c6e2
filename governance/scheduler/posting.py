"""What every scheduled post shares: the run ledger (claim, then send, then record how it went)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from governance.domain.scheduled_runs import RunKey, RunStatus
from governance.ports import Clock, UnitOfWork
from governance.scheduler.publisher import NowhereToPost, Publisher

log = logging.getLogger(__name__)


class Posting:
    """The base of ScheduledPosts: its fields, and posting each run once."""

    uow: Callable[[], UnitOfWork]
    read_uow: Callable[[], UnitOfWork]
    clock: Clock
    publisher: Publisher
    grace: timedelta
    instance: str  # host:pid, recorded with each run this instance claims

    def now(self) -> datetime:
        return self.clock.now()

    def claim(self, key: RunKey, now: datetime, status: RunStatus | None = None,
              detail: str | None = None) -> bool:
        """Blocking: records the run; True if this call did, False if someone already had."""
        with self.uow() as uow:
            claimed = uow.runs.claim(key, now, self.instance, status, detail)
            uow.commit()
        return claimed

    def finish(self, key: RunKey, status: RunStatus, detail: str | None = None) -> None:
        with self.uow() as uow:
            uow.runs.finish(key, status, self.now(), detail)
            uow.commit()

    async def claim_and_send(self, key: RunKey, send: Callable[[], Awaitable[None]], what: str,
                             traceback: bool = True) -> bool:
        """Sends only if this call recorded the run first; True if it was sent."""
        if not await asyncio.to_thread(self.claim, key, self.now()):
            return False  # another instance, a retry or an earlier run has it
        return await self.send_claimed(key, send(), what, traceback)

    async def send_claimed(self, key: RunKey, sending: Awaitable[None], what: str,
                           traceback: bool = True) -> bool:
        """A failure is logged and recorded, never retried: a retry could post twice."""
        try:
            await sending
        except NowhereToPost as nowhere:  # expected: one line, no traceback
            log.warning("%s skipped: %s", what, nowhere)
            await asyncio.to_thread(self.finish, key, RunStatus.SKIPPED, str(nowhere)[:500])
            return False
        except Exception as error:
            log.warning("%s failed: %r", what, error, exc_info=traceback)
            await asyncio.to_thread(self.finish, key, RunStatus.FAILED, repr(error)[:500])
            return False
        await asyncio.to_thread(self.finish, key, RunStatus.POSTED)
        return True

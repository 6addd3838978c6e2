"""The chain's background loop in a long-running process (the bot): relay the outbox, read
signed ballots back, and anchor AI provenance now and then. Backs off while the node is down.

Only one instance relays at a time (the relayer owns the recorder's nonce): the others wait
on a database leader lock and take over when the leader goes away."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from governance.ports import ChainUnavailable, LeaderLock

log = logging.getLogger(__name__)
MAX_BACKOFF = 30.0


class ChainLoop:
    def __init__(self, sync: Callable[[], None], anchor: Callable[[], None], lock: LeaderLock,
                 interval: float = 1.0, anchor_every: float = 600.0):
        self.sync = sync  # relay the outbox, read signed ballots back (Chain.sync)
        self.anchor = anchor  # put new AI provenance under Merkle roots (database only)
        self.lock = lock
        self.interval = interval
        self.anchor_every = anchor_every
        self._last_anchor = time.monotonic()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="folkmoot-chain-loop")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await asyncio.to_thread(self.lock.release)

    def run_once(self) -> None:
        if not (self.lock.try_acquire() and self.lock.still_held()):
            return  # another instance relays
        if time.monotonic() - self._last_anchor >= self.anchor_every:
            self.anchor()  # database only: the relayer sends the roots
            self._last_anchor = time.monotonic()
        self.sync()

    async def _run(self) -> None:
        delay = self.interval
        while True:
            try:
                await asyncio.to_thread(self.run_once)
                delay = self.interval
            except ChainUnavailable as error:
                log.warning("chain unreachable (%s); retrying in %.0fs", error, delay)
                delay = min(delay * 2, MAX_BACKOFF)
            except Exception:
                log.exception("chain loop failed; retrying in %.0fs", delay)
                delay = min(delay * 2, MAX_BACKOFF)
            await asyncio.sleep(delay)

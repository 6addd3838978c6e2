"""The chain's background loop in a long-running process (the bot): relay the outbox, read
signed ballots back, and anchor AI provenance now and then. Backs off while the node is down."""

from __future__ import annotations

import asyncio
import logging
import time

from governance.adapters.chain.errors import ChainUnavailable

log = logging.getLogger(__name__)
MAX_BACKOFF = 30.0


class ChainLoop:
    def __init__(self, governance, interval: float = 1.0, anchor_every: float = 600.0):
        self.governance = governance
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

    def run_once(self) -> None:
        gov = self.governance
        if gov.ai is not None and time.monotonic() - self._last_anchor >= self.anchor_every:
            for community in gov.communities():
                gov.ai.anchor(community.id)
            self._last_anchor = time.monotonic()
        gov.chain.relayer.relay()
        gov.chain.indexer.poll()

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

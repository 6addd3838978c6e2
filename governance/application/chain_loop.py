"""The chain's background loop in a long-running process (the bot): relay the outbox, read
signed ballots back, anchor AI provenance now and then, and index the Governors communities
follow. Each part backs off on its own while its node is down, so a Governor's unreachable node
never holds up the ledger's relay (nor the reverse).

Only one instance relays at a time (the relayer owns the recorder's nonce): the others wait
on a database leader lock and take over when the leader goes away."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from governance.errors import GovernanceError
from governance.ports import ChainUnavailable, FollowedGovernors, LeaderLock

log = logging.getLogger(__name__)
MAX_BACKOFF = 30.0
GOVERNOR_RANGES_PER_PASS = 5  # block ranges indexed per Governor per pass: a long history spreads out


class Backoff:
    """When a failing step may run again: its delay doubles up to MAX_BACKOFF, resets on success."""

    def __init__(self, interval: float, now: Callable[[], float] = time.monotonic):
        self.interval = interval
        self.now = now
        self.delay = interval
        self.next_try = 0.0

    def due(self) -> bool:
        return self.now() >= self.next_try

    def succeeded(self) -> None:
        self.delay = self.interval
        self.next_try = 0.0

    def failed(self) -> float:
        """Returns the wait before the next try."""
        wait = self.delay
        self.next_try = self.now() + wait
        self.delay = min(self.delay * 2, MAX_BACKOFF)
        return wait


class GovernorSyncPass:
    """Indexes each followed Governor a few block ranges at a time; one whose node is down (or
    that is on another chain) backs off alone."""

    def __init__(self, governors: FollowedGovernors, interval: float = 1.0,
                 ranges: int = GOVERNOR_RANGES_PER_PASS, now: Callable[[], float] = time.monotonic):
        self.governors = governors
        self.interval = interval
        self.ranges = ranges
        self.now = now
        self.backoffs: dict[int, Backoff] = {}

    def __call__(self) -> None:
        for community_id in self.governors.following():
            backoff = self.backoffs.setdefault(community_id, Backoff(self.interval, self.now))
            if not backoff.due():
                continue
            try:
                self.governors.sync(community_id, max_ranges=self.ranges)
                backoff.succeeded()
            except (GovernanceError, ChainUnavailable) as error:
                log.warning("the Governor of community %s cannot be indexed (%s); retrying in %.0fs",
                            community_id, error, backoff.failed())
            except Exception:
                log.exception("indexing the Governor of community %s failed; retrying in %.0fs",
                              community_id, backoff.failed())


class ChainLoop:
    def __init__(self, sync: Callable[[], None], anchor: Callable[[], None], lock: LeaderLock,
                 interval: float = 1.0, anchor_every: float = 600.0,
                 governors: Callable[[], None] | None = None):
        self.sync = sync  # relay the outbox, read signed ballots back (Chain.sync)
        self.anchor = anchor  # put new AI provenance under Merkle roots (database only)
        self.governors = governors  # index followed Governors (GovernorSyncPass); backs off per Governor
        self.lock = lock
        self.interval = interval
        self.anchor_every = anchor_every
        self.ledger_backoff = Backoff(interval)
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
        if self.ledger_backoff.due():
            try:
                self.sync()
                self.ledger_backoff.succeeded()
            except ChainUnavailable as error:
                log.warning("chain unreachable (%s); retrying in %.0fs", error, self.ledger_backoff.failed())
            except Exception:
                log.exception("relaying to the chain failed; retrying in %.0fs", self.ledger_backoff.failed())
        if self.governors is not None:
            self.governors()  # catches its own failures, per Governor

    async def _run(self) -> None:
        while True:
            try:
                await asyncio.to_thread(self.run_once)
            except Exception:  # the database, the lock: try again after a pause
                log.exception("chain loop failed; retrying in %.0fs", MAX_BACKOFF)
                await asyncio.sleep(MAX_BACKOFF)
            await asyncio.sleep(self.interval)

"""The chain's background loop in a long-running process (the bot): relay the outbox, read
signed ballots back, anchor AI provenance now and then, and index the Governors communities
follow. Each part backs off on its own while its node is down, so a Governor's unreachable node
never holds up the ledger's relay (nor the reverse).

Only one instance relays at a time (the relayer owns the recorder's nonce): the others wait
on a database leader lock and take over when the leader goes away.

A pass runs in a daemon thread: a stop (Ctrl-C, SIGTERM) never waits for it, since a pass can wait
minutes for receipts. A pass cut short is safe: the relayer stores each transaction before sending
it and resumes from there, as after a crash (a Governor's index resumes at its cursor). The
abandoned pass keeps the leader lock until it ends or the process exits, so no other instance
relays beside it."""

from __future__ import annotations

import asyncio
import logging
import threading
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
        self.trouble: dict[int, str] = {}  # each Governor's last failure, said once

    def __call__(self) -> None:
        for community_id in self.governors.following():
            backoff = self.backoffs.setdefault(community_id, Backoff(self.interval, self.now))
            if not backoff.due():
                continue
            try:
                self.governors.sync(community_id, max_ranges=self.ranges)
                backoff.succeeded()
                if self.trouble.pop(community_id, None) is not None:
                    log.info("the Governor of community %s is indexed again", community_id)
            except (GovernanceError, ChainUnavailable) as error:
                said = self.trouble.get(community_id) == str(error)
                log.log(logging.DEBUG if said else logging.WARNING,
                        "the Governor of community %s cannot be indexed (%s); retrying in %.0fs",
                        community_id, error, backoff.failed())
                self.trouble[community_id] = str(error)
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
        self._trouble: str | None = None  # the relay's last failure, said once
        self._last_anchor = time.monotonic()
        self._task: asyncio.Task | None = None
        self._passing = threading.Lock()  # held by the thread running a pass
        self._stopping = False

    async def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="folkmoot-chain-loop")

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._passing.acquire(blocking=False):  # no pass running: step down now
            try:
                await asyncio.to_thread(self.lock.release)
            finally:
                self._passing.release()
        else:
            log.info("stopping in the middle of a relay pass: it is abandoned safely and resumes at the next start")

    def run_once(self) -> None:
        if not (self.lock.try_acquire() and self.lock.still_held()):
            return  # another instance relays
        if time.monotonic() - self._last_anchor >= self.anchor_every:
            self.anchor()  # database only: the relayer sends the roots
            self._last_anchor = time.monotonic()
        if self.ledger_backoff.due():
            self._relay()
        if self.governors is not None:
            self.governors()  # catches its own failures, per Governor

    def _relay(self) -> None:
        try:
            self.sync()
        except ChainUnavailable as error:  # said once, not at every retry
            wait = self.ledger_backoff.failed()
            log.log(logging.WARNING if str(error) != self._trouble else logging.DEBUG,
                    "chain: %s; retrying every %.0f s at most (now in %.0f s)", error, MAX_BACKOFF, wait)
            self._trouble = str(error)
        except Exception:
            log.exception("relaying to the chain failed; retrying in %.0fs", self.ledger_backoff.failed())
        else:
            if self._trouble is not None:
                log.info("the chain answers again; relaying")
            self._trouble = None
            self.ledger_backoff.succeeded()

    def _pass(self) -> None:
        """One pass, in its own daemon thread; if the loop stopped meanwhile, it steps down after."""
        with self._passing:
            try:
                self.run_once()
            finally:
                if self._stopping:
                    self.lock.release()

    async def _run(self) -> None:
        while True:
            try:
                await _in_daemon_thread(self._pass)
            except Exception:  # the database, the lock: try again after a pause
                log.exception("chain loop failed; retrying in %.0fs", MAX_BACKOFF)
                await asyncio.sleep(MAX_BACKOFF)
            await asyncio.sleep(self.interval)


async def _in_daemon_thread(fn: Callable[[], None]) -> None:
    """fn() in a thread that the process does not wait for at exit (asyncio.to_thread's are joined)."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def settle(error: BaseException | None) -> None:
        if not done.done():
            done.set_exception(error) if error is not None else done.set_result(None)

    def run() -> None:
        try:
            fn()
            error = None
        except BaseException as failure:  # noqa: BLE001 - handed to the awaiting loop
            error = failure
        try:
            loop.call_soon_threadsafe(settle, error)
        except RuntimeError:  # the loop closed meanwhile: nobody is waiting
            pass

    threading.Thread(target=run, name="folkmoot-relay-pass", daemon=True).start()
    await done

"""The chain's background loop in a long-running process (the bot): relay the outbox, read
signed ballots back, and anchor AI provenance now and then. Backs off while the node is down.

Only one instance relays at a time (the relayer owns the recorder's nonce): the others wait
on a database leader lock and take over when the leader goes away.

A pass runs in a daemon thread: a stop (Ctrl-C, SIGTERM) never waits for it, since a pass can wait
minutes for receipts. A pass cut short is safe: the relayer stores each transaction before sending
it and resumes from there, as after a crash. The abandoned pass keeps the leader lock until it ends
or the process exits, so no other instance relays beside it."""

from __future__ import annotations

import asyncio
import logging
import threading
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
        self.sync()

    def _pass(self) -> None:
        """One pass, in its own daemon thread; if the loop stopped meanwhile, it steps down after."""
        with self._passing:
            try:
                self.run_once()
            finally:
                if self._stopping:
                    self.lock.release()

    async def _run(self) -> None:
        delay, trouble = self.interval, None
        while True:
            try:
                await _in_daemon_thread(self._pass)
                if trouble is not None:
                    log.info("the chain answers again; relaying")
                delay, trouble = self.interval, None
            except ChainUnavailable as error:  # said once, not at every retry
                log.log(logging.WARNING if str(error) != trouble else logging.DEBUG,
                        "chain: %s; retrying every %.0f s at most", error, MAX_BACKOFF)
                delay, trouble = min(delay * 2, MAX_BACKOFF), str(error)
            except Exception:
                log.exception("chain loop failed; retrying in %.0fs", delay)
                delay = min(delay * 2, MAX_BACKOFF)
            await asyncio.sleep(delay)


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

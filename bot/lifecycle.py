"""A long-running process and its stop: SIGINT (Ctrl-C) and SIGTERM (a service manager) end it
within a few seconds, cleanly and without a traceback.

`folkmoot run` serves the Discord bot and, beside it, any other `Service` (an aiohttp site such as
the wallet page): each is started in order and stopped in reverse, each stop bounded in time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Protocol

log = logging.getLogger("folkmoot.lifecycle")
STOP_SECONDS = 3.0  # each thing being stopped gets at most this long; the whole stop stays under 5 s


class Service(Protocol):
    """Something served beside the bot for the process's whole life."""

    name: str

    async def start(self) -> None:
        """Returns once it serves."""

    async def stop(self) -> None: ...


@contextlib.asynccontextmanager
async def services_running(services: Sequence[Service]) -> AsyncIterator[None]:
    """Starts each service in order; on the way out stops the started ones in reverse."""
    started: list[Service] = []
    try:
        for service in services:
            await service.start()
            started.append(service)
            log.info("%s started", service.name)
        yield
    finally:
        for service in reversed(started):
            await bounded(service.stop(), f"stopping {service.name}")


async def bounded(stopping: Awaitable[object], what: str, seconds: float = STOP_SECONDS) -> None:
    """Waits for a stop at most `seconds`; a stop that fails or lags is logged, never raised."""
    try:
        await asyncio.wait_for(stopping, seconds)
    except TimeoutError:
        log.warning("%s took more than %.0f s; going on without it", what, seconds)
    except Exception:
        log.exception("%s failed", what)


async def until_stopped(work: Awaitable[None], stop: Callable[[], Awaitable[object]]) -> bool:
    """Runs `work` until it ends (its errors propagate) or SIGINT/SIGTERM arrives; then calls `stop`
    (which should make `work` end) and waits for `work` a bounded time. True if a signal stopped it."""
    loop = asyncio.get_running_loop()
    signalled = asyncio.Event()
    handled: list[signal.Signals] = []
    if threading.current_thread() is threading.main_thread():  # signal handlers live there only
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, signalled.set)
            handled.append(number)
    running = asyncio.ensure_future(work)
    waiting = asyncio.ensure_future(signalled.wait())
    try:
        await asyncio.wait({running, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if running.done():
            running.result()
            return False
        log.info("stopping: finishing what is in progress (at most a few seconds)")
        await bounded(stop(), "stopping")
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(running, STOP_SECONDS)  # a clean end, or cancelled
        return True
    finally:
        waiting.cancel()
        for number in handled:
            loop.remove_signal_handler(number)

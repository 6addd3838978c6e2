"""One inference thread behind a bounded queue, awaitable from the event loop.

A single thread because one model instance must not generate concurrently (and
two would only share the same cores). The queue is bounded so a burst of
requests is refused at once with a clear message instead of waiting for minutes.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from governance.ai.errors import ModelBusy

T = TypeVar("T")
_STOP = object()


class InferenceWorker:
    def __init__(self, max_queued: int = 8, name: str = "folkmoot-inference"):
        self.max_queued = max_queued
        self._jobs: queue.Queue[Any] = queue.Queue(maxsize=max_queued)
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._start_lock = threading.Lock()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) on the worker thread; raises ModelBusy when the queue is full."""
        self._ensure_started()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        try:
            self._jobs.put_nowait((fn, args, loop, future))
        except queue.Full:
            raise ModelBusy(self.max_queued) from None
        return await future

    def close(self, timeout: float | None = None) -> None:
        """Finishes queued jobs, then stops the thread."""
        if self._thread.is_alive():
            self._jobs.put(_STOP)
            self._thread.join(timeout)

    def _ensure_started(self) -> None:
        with self._start_lock:
            if not self._thread.is_alive() and self._thread.ident is None:
                self._thread.start()

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not _STOP:
            fn, args, loop, future = job
            if future.cancelled():  # the caller gave up while it waited
                continue
            try:
                outcome, failed = fn(*args), False
            except BaseException as error:  # noqa: BLE001 - handed to the awaiting caller
                outcome, failed = error, True
            try:
                loop.call_soon_threadsafe(_settle, future, outcome, failed)
            except RuntimeError:  # the loop closed meanwhile: nobody is waiting
                pass


def _settle(future: asyncio.Future[Any], outcome: Any, failed: bool) -> None:
    if future.cancelled():
        return
    if failed:
        future.set_exception(outcome)
    else:
        future.set_result(outcome)

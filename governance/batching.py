"""Group commit for votes: concurrent casts share one transaction.

Callers (worker threads, or the bot's event loop via `cast_async`) hand a ballot to
`cast`; one writer thread takes whatever has queued up (up to MAX_BATCH), casts it
all with `voting.cast_votes` in a single transaction, and hands each caller its own
receipt or error. Under light load a batch is a single vote and nothing waits.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

from governance.errors import Conflict

MAX_BATCH = 500


class VoteBatcher:
    def __init__(self, cast_votes: Callable[[list], list], max_batch: int = MAX_BATCH):
        self._cast_votes = cast_votes
        self._max_batch = max_batch
        self._queue: queue.Queue[tuple[object, Future]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="vote-writer", daemon=True)
        self._thread.start()

    def submit(self, ballot) -> Future:
        future: Future = Future()
        self._queue.put((ballot, future))
        return future

    def cast(self, ballot):
        """Blocks until the ballot is committed or refused; raises the refusal."""
        return _unwrap(self.submit(ballot).result())

    async def cast_async(self, ballot):
        return _unwrap(await asyncio.wrap_future(self.submit(ballot)))

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._write(batch)

    def _write(self, batch: list[tuple[object, Future]]) -> None:
        ballots = [ballot for ballot, _ in batch]
        for _ in range(3):
            try:
                results = self._cast_votes(ballots)
                break
            except Conflict:
                continue  # another process inserted the same voter's first vote; retry sees it
            except Exception as error:  # the database is down: every caller hears it
                results = [error] * len(batch)
                break
        else:
            results = [Conflict()] * len(batch)
        for (_, future), result in zip(batch, results):
            future.set_result(result)


def _unwrap(result):
    if isinstance(result, Exception):  # a refusal (GovernanceError) or the database failing
        raise result
    return result

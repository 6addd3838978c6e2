"""What every part of the application object holds: its units of work, clock and ports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from governance.domain.wallet_page import PageSettings
from governance.errors import Unavailable
from governance.ports import Chain, Clock, FollowedGovernors, LeaderLock, UnitOfWork

if TYPE_CHECKING:
    from apscheduler.jobstores.base import BaseJobStore

    from governance.ai.service import AiService
    from governance.ai.worker import InferenceWorker
    from governance.batching import VoteBatcher
    from governance.services.digest import Digest

NO_CHAIN = "No chain is configured (FOLKMOOT_CHAIN=off)."
NO_MODEL = "No language model is configured here."


class ApplicationBase:
    """Built by `governance.bootstrap` (tests may build one on fakes of the ports).

    uow: a unit of work for use cases that write; read_uow: for queries (SQLite lets it read
    beside the writer). chain: the chain port, or None when no chain is configured. governors: the
    existing on-chain Governors communities follow, on the same chain (None without a chain). ai:
    the AI pipeline, run on `inference` (one thread, a bounded queue) by async callers. locks,
    job_store and chart: what the scheduler and the chain loop run with."""

    def __init__(self, *, uow: Callable[[], UnitOfWork], clock: Clock,
                 read_uow: Callable[[], UnitOfWork] | None = None, chain: Chain | None = None,
                 governors: FollowedGovernors | None = None, ai: AiService | None = None,
                 ai_backend: str = "", inference: InferenceWorker | None = None,
                 locks: Callable[[str], LeaderLock] | None = None,
                 job_store: Callable[[], BaseJobStore] | None = None,
                 chart: Callable[[Digest], bytes | None] | None = None,
                 page: PageSettings | None = None):
        self.uow = uow
        self.read_uow = read_uow or uow
        self.clock = clock
        self.chain = chain
        self.governors = governors
        self.ai_backend = ai_backend  # which language model answers, and why (shown at start-up)
        self._ai = ai
        self._inference = inference
        self._locks = locks
        self._job_store = job_store
        self._chart = chart or (lambda digest: None)
        self._batcher: VoteBatcher | None = None
        self.page = page or PageSettings()  # the wallet page: its URL, its links' key, the relay limits

    def _require_chain(self) -> Chain:
        if self.chain is None:
            raise Unavailable(NO_CHAIN)
        return self.chain

    def _require_ai(self) -> AiService:
        if self._ai is None:
            raise Unavailable(NO_MODEL)
        return self._ai

    def _lock(self, name: str) -> LeaderLock:
        if self._locks is None:
            raise RuntimeError("this application was built without leader locks (see governance.bootstrap)")
        return self._locks(name)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stops the inference worker (finishing what is queued, for at most `timeout` s: it is a daemon
        thread, abandoned at exit); the process is about to end."""
        if self._inference is not None:
            self._inference.close(timeout=timeout)

"""Inference off the event loop: one worker thread, a bounded queue, errors passed back."""

from __future__ import annotations

import asyncio
import threading

import pytest

from governance.ai.errors import ModelBusy
from governance.ai.worker import InferenceWorker
from governance.errors import Unavailable

from .ai_fakes import VALID_SUMMARY, ScriptedModel


async def test_jobs_run_on_the_worker_thread_while_the_loop_stays_free():
    worker = InferenceWorker(max_queued=2)
    release = threading.Event()
    job = asyncio.ensure_future(
        worker.run(lambda: (release.wait(5), threading.current_thread().name)[1])
    )
    for _ in range(5):  # the loop keeps running while the job blocks its thread
        await asyncio.sleep(0.01)
    # Run on the loop, the job would have blocked it until its 5 s wait gave up, and be done by now.
    assert not job.done()
    release.set()
    assert await job == "folkmoot-inference"
    worker.close()


async def test_a_full_queue_is_refused_at_once_with_a_user_safe_error():
    worker = InferenceWorker(max_queued=1)
    release = threading.Event()
    running = asyncio.ensure_future(worker.run(release.wait, 5))
    await asyncio.sleep(0.05)  # the first job is now on the thread, not in the queue
    queued = asyncio.ensure_future(worker.run(lambda: "queued"))
    await asyncio.sleep(0)
    with pytest.raises(ModelBusy) as busy:
        await worker.run(lambda: "refused")
    assert isinstance(busy.value, Unavailable) and "busy" in str(busy.value)
    release.set()
    assert await running is True and await queued == "queued"
    worker.close()


async def test_errors_reach_the_caller_and_the_worker_survives_them():
    worker = InferenceWorker()

    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await worker.run(fail)
    assert await worker.run(lambda: 42) == 42
    worker.close()


async def test_the_application_runs_its_ai_use_cases_on_the_worker(make_service):
    from datetime import UTC, datetime

    from governance.application import Governance
    from governance.domain import Proposal

    gov = Governance(uow=lambda: None, clock=None, ai=make_service(ScriptedModel([VALID_SUMMARY])),
                     inference=InferenceWorker())
    proposal = Proposal(community_id=1, author="discord:1", created_at=datetime.now(UTC), id=1)
    proposal.add_revision("Garden", "We ask 500 DAI for garden.eth.", "discord:1", datetime.now(UTC))
    result = await gov.infer(gov.summarize, proposal)
    assert result.tldr.startswith("The DAO funds")
    gov.shutdown()

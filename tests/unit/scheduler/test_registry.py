"""Jobs reach the running app through the registry, and only while a scheduler leads."""

from __future__ import annotations

import pytest

from governance.scheduler import jobs, registry


class FakeRuntime:
    def __init__(self):
        self.calls = []

    async def tracked(self, work):
        await work

    async def run_digest(self, community_id):
        self.calls.append(("digest", community_id))

    async def sweep(self):
        self.calls.append(("sweep",))


async def test_jobs_call_the_installed_runtime():
    runtime = FakeRuntime()
    registry.install(runtime)
    try:
        await jobs.digest_job(42)
        await jobs.sweep_job()
    finally:
        registry.remove(runtime)
    assert runtime.calls == [("digest", 42), ("sweep",)]


async def test_a_job_without_a_running_scheduler_fails_loudly():
    with pytest.raises(LookupError):
        await jobs.sweep_job()


def test_one_runtime_per_process():
    first, second = FakeRuntime(), FakeRuntime()
    registry.install(first)
    try:
        registry.install(first)  # idempotent
        with pytest.raises(RuntimeError):
            registry.install(second)
    finally:
        registry.remove(first)
    registry.remove(second)  # removing what is not installed changes nothing
    with pytest.raises(LookupError):
        registry.active()

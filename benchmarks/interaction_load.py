"""Helpers for benchmarks.interactions: the local Discord in its own process with
acknowledgement stamps, the generation load, an event-loop lag probe, a stall sampler.

The local Discord (tests/e2e/fake_discord) is not edited: in its process two methods are
wrapped, to stamp when INTERACTION_CREATE leaves the gateway and when its first callback arrives.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import statistics
import threading
import time
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

# ---------------------------------------------------------------- the local Discord's process

class Stamps:
    """perf_counter() when each interaction was sent (by token) and first acknowledged. On Linux
    perf_counter is CLOCK_MONOTONIC, so both processes' stamps share one time line."""

    def __init__(self) -> None:
        self.sent: dict[str, float] = {}
        self.acked: dict[str, float] = {}


def instrument_fake_discord(stamps: Stamps) -> None:
    """Wraps Gateway._send and Rest.callback (in the server process only) to fill `stamps`."""
    from tests.e2e.fake_discord.gateway import Gateway
    from tests.e2e.fake_discord.rest import Rest

    send, callback = Gateway._send, Rest.callback

    async def stamped_send(socket, payload: dict) -> None:
        await send(socket, payload)
        if payload.get("t") == "INTERACTION_CREATE":
            stamps.sent[payload["d"]["token"]] = time.perf_counter()  # the frame is on the socket

    async def stamped_callback(self, request):
        stamps.acked.setdefault(request.match_info["token"], time.perf_counter())  # body already read
        return await callback(self, request)

    Gateway._send = staticmethod(stamped_send)
    Rest.callback = stamped_callback


CHOICES = ("for", "against", "abstain")
SETUP_TIMEOUT = 120.0  # setting up is not measured: a busy machine may take its time


class LocalDiscord:
    """The local Discord in the server process, driven by commands from the benchmark."""

    def __init__(self, members: int):
        from tests.e2e.fake_discord import FakeDiscord, Member
        from tests.e2e.fake_discord.world import snowflake

        self.stamps = Stamps()
        instrument_fake_discord(self.stamps)
        self.server = FakeDiscord()
        voters = self.server.guild.roles["Voters"]
        for n in range(members):
            self.server.guild.members[f"member{n}"] = Member(snowflake(), f"member{n}", (voters,))
        self.posts: list[dict] = []

    async def configure(self) -> None:
        done = await self.server.members.slash(self.server.guild.members["admin"], "config",
                                               eligible_role="Voters")
        await done.reply(timeout=SETUP_TIMEOUT)

    async def proposal(self, n: int) -> int:
        from tests.e2e.conftest import propose, publish

        author = self.server.guild.members["voter1"]
        _, preview = await propose(self.server, author, f"Benchmark proposal {n}: paint bench {n} green. "
                                                        f"It costs {n + 10} DAI.", timeout=SETUP_TIMEOUT)
        self.posts.append(await publish(self.server, author, preview, timeout=SETUP_TIMEOUT))
        return len(self.posts) - 1

    async def clicks(self, post_index: int, first: int, count: int, at_once: bool) -> dict:
        """Members first..first+count-1 click a vote button: all at once, or each after the previous
        one's receipt arrived. Returns latencies, the window (first frame sent, last callback) and
        whether each was acknowledged exactly once with a defer and then got its receipt."""
        from tests.e2e.conftest import button

        server, post = self.server, self.posts[post_index]
        members = [server.guild.members[f"member{n}"] for n in range(first, first + count)]

        async def one(member, n: int):
            return await server.members.click(member, post, button(post, CHOICES[n % 3]))

        if at_once:
            logs = await asyncio.gather(*(one(m, n) for n, m in enumerate(members)))
        else:
            logs = []
            for n, member in enumerate(members):
                log = await one(member, n)
                await log.reply(timeout=30)  # idle again before the next click
                logs.append(log)
        await asyncio.gather(*(log.reply(timeout=60) for log in logs))  # every receipt arrived
        tokens = [log.token for log in logs]
        ok = all(len(log.callbacks) == 1 and not log.refused_callbacks and log.callbacks[0]["type"] == 5
                 and "recorded" in (log.visible[0].get("content") or "") for log in logs)
        sent, acked = self.stamps.sent, self.stamps.acked
        return {"latencies": [acked[t] - sent[t] for t in tokens], "ok": ok,
                "start": min(sent[t] for t in tokens), "end": max(acked[t] for t in tokens)}


def _serve(conn, members: int) -> None:
    """The server process's entry point."""
    asyncio.run(_serve_async(conn, members))


async def _serve_async(conn, members: int) -> None:
    import traceback

    local = LocalDiscord(members)
    await local.server.start()
    conn.send({"port": local.server.port, "token": local.server.token, "guild_id": local.server.guild.id,
               "api_url": local.server.api_url, "gateway_url": local.server.gateway_url})
    loop = asyncio.get_running_loop()
    try:
        while True:
            command, *args = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                conn.send(None)
                return
            try:
                conn.send(("ok", await getattr(local, command)(*args)))
            except Exception:  # noqa: BLE001 - handed to the benchmark
                conn.send(("error", traceback.format_exc()))
    finally:
        await local.server.stop()


class ServerProcess:
    """Runs the local Discord in its own process, as Discord runs outside the bot: its work
    (400 REST calls and 200 gateway frames per burst) takes neither the bot's event loop nor its GIL."""

    def __init__(self, members: int, start_timeout: float = 60.0):
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # not fork: the parent holds torch and threads
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, members), name="local-discord", daemon=True)
        self._process.start()
        if not self._conn.poll(start_timeout):
            self._process.terminate()
            raise RuntimeError("the local Discord did not start")
        info = self._conn.recv()
        self.token, self.api_url, self.gateway_url = info["token"], info["api_url"], info["gateway_url"]
        self.guild = SimpleNamespace(id=info["guild_id"])  # what tests.e2e.conftest.Bots reads

    def _call(self, command: tuple) -> Any:
        self._conn.send(command)
        status, value = self._conn.recv()
        if status == "error":
            raise RuntimeError(f"the local Discord failed {command[0]}:\n{value}")
        return value

    async def call(self, *command: Any) -> Any:
        """Runs a LocalDiscord method there; the bot's loop stays free meanwhile."""
        return await asyncio.to_thread(self._call, command)

    def redirect(self):
        """discord.py's two base URLs pointed there (FakeDiscord.redirect, on these URLs)."""
        from tests.e2e.fake_discord import FakeDiscord

        return FakeDiscord.redirect(self)

    def close(self) -> None:
        try:
            self._conn.send(("stop",))
            if self._conn.poll(10):
                self._conn.recv()
        except (BrokenPipeError, EOFError, OSError):
            pass
        self._process.join(5)
        if self._process.is_alive():
            self._process.terminate()


# ---------------------------------------------------------------- generation load

class CountingModel:
    """A language model (the transformers backend, in a child process as the bot runs it, or in
    this process), timing each generate() call; `cap` (None: none) bounds the new tokens, since
    the tiny model rarely stops by itself and would otherwise run to each template's
    max_new_tokens (512: 10-20 s per generation on 2 shared cores)."""

    def __init__(self, inner: Any, cap: int | None = None):
        self.inner = inner
        self.cap = cap
        self.spans: list[tuple[float, float]] = []  # (started, finished) of each generate()

    @property
    def info(self):
        return self.inner.info

    @property
    def context_window(self) -> int:
        return self.inner.context_window

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    @property
    def seconds(self) -> list[float]:
        return [end - start for start, end in self.spans]

    def generate(self, messages, params) -> str:
        if self.cap is not None and params.max_new_tokens > self.cap:
            params = dataclasses.replace(params, max_new_tokens=self.cap)
        started = time.perf_counter()
        try:
            return self.inner.generate(messages, params)
        finally:
            self.spans.append((started, time.perf_counter()))

    def finished_between(self, start: float, end: float) -> int:
        return sum(1 for _, finished in self.spans if start <= finished <= end)

    def busy_between(self, start: float, end: float) -> float:
        """Seconds of [start, end] during which generate() was running."""
        return sum(max(0.0, min(b, end) - max(a, start)) for a, b in self.spans)


class GenerationLoad:
    """Keeps the inference worker busy: `in_flight` assistant drafts queued at all times, each
    on an idea never seen before (so nothing comes from the cache)."""

    _ideas = itertools.count(1)

    def __init__(self, draft: Callable[[str], Awaitable[Any]], in_flight: int = 2):
        self.draft = draft
        self.in_flight = in_flight
        self.completed = 0
        self.failed = 0
        self._stopping = False
        self._tasks: list[asyncio.Task] = []

    def start(self) -> None:
        self._stopping = False
        self._tasks = [asyncio.create_task(self._keep_busy()) for _ in range(self.in_flight)]

    async def stop(self) -> None:
        self._stopping = True
        await asyncio.gather(*self._tasks)

    async def _keep_busy(self) -> None:
        while not self._stopping:
            n = next(self._ideas)
            idea = (f"Idea {n}: build {n % 17 + 2} raised beds in the community garden and pay "
                    f"{100 + n} DAI to garden{n}.eth for wood and soil. Members plant on Saturdays.")
            try:
                await self.draft(idea)
                self.completed += 1
            except Exception:  # noqa: BLE001 - ModelBusy or a model failure: counted, not fatal
                self.failed += 1
                await asyncio.sleep(0.01)


# ---------------------------------------------------------------- event-loop lag probe

class LagProbe:
    """Sleeps `interval` on the bot's loop and records how late each wake-up is."""

    def __init__(self, interval: float = 0.005):
        self.interval = interval
        self.lags: list[float] = []
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self.lags = []
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> list[float]:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        return self.lags

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, time.perf_counter() - before - self.interval))


# ---------------------------------------------------------------- stalls (--diagnose)

class StallSampler:
    """A watchdog thread: when the bot's loop has not woken its 5 ms probe for `threshold`,
    it samples the loop thread's Python stack (sys._current_frames), as a sampling profiler
    would. Stacks are counted by where they are, innermost frames last."""

    def __init__(self, threshold: float = 0.02, every: float = 0.002):
        self.threshold = threshold
        self.every = every
        self.stacks: dict[str, int] = {}
        self.beat = time.perf_counter()
        self._loop_thread = threading.get_ident()
        self._stop = threading.Event()
        self._sampling = threading.Event()  # only while resumed
        self._thread = threading.Thread(target=self._watch, name="stall-sampler", daemon=True)
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._loop_thread = threading.get_ident()
        self._task = asyncio.create_task(self._heartbeat())
        self._thread.start()

    def resume(self) -> None:
        self._sampling.set()

    def pause(self) -> None:
        self._sampling.clear()

    async def stop(self) -> None:
        self._stop.set()
        self._thread.join(1)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _heartbeat(self) -> None:
        while True:
            self.beat = time.perf_counter()
            await asyncio.sleep(0.005)

    def _watch(self) -> None:
        import sys
        import traceback

        while not self._stop.wait(self.every):
            if not self._sampling.is_set() or time.perf_counter() - self.beat < self.threshold:
                continue
            frame = sys._current_frames().get(self._loop_thread)
            if frame is None:
                continue
            lines = [f"{f.filename.removeprefix(_ROOT)}:{f.lineno} {f.name}"
                     for f in traceback.extract_stack(frame)[-12:]]
            key = "\n      ".join(lines)
            self.stacks[key] = self.stacks.get(key, 0) + 1

    def report(self, top: int = 5) -> list[tuple[int, str]]:
        return sorted(((n, s) for s, n in self.stacks.items()), reverse=True)[:top]


_ROOT = __file__.rsplit("/benchmarks/", 1)[0] + "/"


# ---------------------------------------------------------------- statistics

def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": percentile(values, 50), "p99": percentile(values, 99), "max": max(values)}


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


# ---------------------------------------------------------------- CPU per thread (--diagnose)

def thread_cpu() -> dict[str, float]:
    """CPU seconds (user + system) used so far by each thread of this process, by thread name
    (Python threads by their name, others, like torch's, by the kernel's); from /proc."""
    import os

    names = {t.native_id: t.name for t in threading.enumerate()}
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        comm = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        name = names.get(int(tid), comm)
        name = "asyncio.to_thread pool" if name.startswith("asyncio_") else name
        used[name] = used.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return used


def cpu_between(before: dict[str, float], after: dict[str, float]) -> list[tuple[str, float]]:
    spent = {name: after[name] - before.get(name, 0.0) for name in after}
    return sorted(((n, s) for n, s in spent.items() if s > 0), key=lambda item: -item[1])


# ---------------------------------------------------------------- garbage-collector pauses

class GcPauses:
    """The cyclic garbage collector's pauses (gc.callbacks), by generation, while recording."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float, float, str]] = []  # (generation, started, seconds, thread)
        self._started = 0.0
        self.recording = False

    def install(self) -> None:
        import gc

        gc.callbacks.append(self._callback)

    def uninstall(self) -> None:
        import gc

        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif self.recording:
            self.pauses.append((info["generation"], self._started, time.perf_counter() - self._started,
                                threading.current_thread().name))

    def between(self, start: float, end: float) -> list[tuple[int, float, float, str]]:
        return [p for p in self.pauses if start <= p[1] <= end]

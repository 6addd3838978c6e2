"""Interaction acknowledgement latency: INTERACTION_CREATE → initial response, through the local
Discord protocol server with the real discord.py client, while the model generates.

    .venv/bin/python -m benchmarks.interactions [--repeats 5] [--burst 200] [--diagnose] [--no-settle] [--in-process]

The bot is wired as `folkmoot run` wires it (`bot.discord.runner.prepare`): a tiny real GPT-2
(built here, offline) behind the inference worker thread, the vote group-commit batcher, the
scheduler; SQLite in a temporary folder; no chain. The local Discord (tests/e2e/fake_discord)
runs in its own process, as Discord runs outside the bot. An interaction's latency runs from
its INTERACTION_CREATE frame leaving the gateway to its first callback (the vote button's
"thinking…" defer) reaching the REST server; both stamped there.

Scenarios (p50 / p99 / max are medians over the repeats; "worst p99" is the worst repeat's):
  baseline                one vote click at a time, idle bot: the same run's reference
  1 at a time + gen       one click at a time while the inference worker generates non-stop
  200 at once             200 members press a vote button at the same moment
  200 at once + gen       the same while the worker generates non-stop: the target, p99 < 100 ms
                          (Discord's deadline is 3 s)
Each repeat votes on its own proposal; each scenario has its own members: every click is a
first vote. "+ gen": two drafts (`assistant.draft`, fresh ideas, so no cache hits) are queued
at all times; generations are capped at --new-tokens (the tiny model rarely stops by itself).

Exit 1 if an interaction was not acknowledged exactly once, the model generated during less than
80% of the burst windows, or the p99 under load is 100 ms or more on a machine that was not busy
when the run started (a 1-minute load average below its CPU count); on a busy machine a missed
latency target is reported, not judged (exit 3, which `make bench` does not count as a failure).

Setup is not measured: the model answers one draft before the bot starts (its first draft spawns
the model's process, imports torch and transformers there, loads the model, pays generate()'s
one-time costs, and, when the tiny model's answer fails validation, loads the MiniLM fallback:
6-8 s here, more with a cold disk cache, which is what made the first proposal time out). --diagnose adds CPU by
thread, garbage-collector pauses, a cProfile of the bot's loop and its stack whenever it stalls.
--no-settle skips bot.discord.runner.settle_heap(), which `folkmoot run` calls once everything is loaded.
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

os.environ.setdefault("COLUMNS", "130")  # rich's table width when the output is not a terminal

import argparse
import asyncio
import cProfile
import gc
import logging
import pstats
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from benchmarks.interaction_load import (
    CountingModel,
    GcPauses,
    GenerationLoad,
    LagProbe,
    ServerProcess,
    StallSampler,
    cpu_between,
    median_of,
    summary,
    thread_cpu,
)
from benchmarks.report import NOT_JUDGED, machine_busy, machine_load, print_table
from bot.discord.limits import AI_OUTPUT
from bot.discord.runner import prepare, settle_heap
from governance.adapters.llm.selection import BackendSelection
from governance.adapters.llm.subprocess_model import SubprocessLanguageModel
from governance.adapters.llm.transformers_backend import TransformersLanguageModel
from governance.adapters.sql.engine import make_engine
from governance.bootstrap import bootstrap
from governance.config import Settings
from tests.e2e.conftest import Bots
from tests.fakes.tiny_gpt2 import build_tiny_gpt2

GC = GcPauses()
TARGET_P99 = 0.100
DISCORD_DEADLINE = 3.0
SINGLES = 40  # clicks per repeat of the one-at-a-time scenarios
SETUP_TOKENS = 8  # the proposals to vote on are drafted by the model too, briefly
MIN_BUSY = 0.8  # the load must really run during the bursts


@dataclass
class Scenario:
    name: str
    runs: list[dict[str, float]] = field(default_factory=list)
    samples: int = 0
    lag_max: float = 0.0
    generations: int = 0
    busy: float = 0.0
    profile: cProfile.Profile | None = None
    cpu: tuple[float, list[tuple[str, float]]] | None = None  # first repeat: wall seconds, CPU by thread
    gc_max: float = 0.0  # longest garbage-collector pause inside an acknowledgement window
    gc_pauses: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Bench:
    def __init__(self, server: ServerProcess, model: CountingModel, members: int):
        self.server, self.model = server, model
        self.members = members
        self.next_member = 0
        self.answered_ok = True
        self.posts: list[int] = []  # one proposal per repeat; each scenario brings its own members

    def take_members(self, count: int) -> int:
        first = self.next_member
        self.next_member += count
        assert self.next_member <= self.members, "not enough members in the guild"
        return first

    async def clicks(self, post: int, first: int, count: int, *,
                     at_once: bool) -> tuple[list[float], float, float]:
        measured = await self.server.call("clicks", post, first, count, at_once)
        self.answered_ok &= measured["ok"] and len(measured["latencies"]) == count
        return measured["latencies"], measured["start"], measured["end"]


async def scenario(bench: Bench, name: str, count: int, *, at_once: bool, load: GenerationLoad | None,
                   sampler: StallSampler | None = None, profile: bool = False) -> Scenario:
    result = Scenario(name)
    first = bench.take_members(count)
    windows = busy = loaded = 0.0
    generations_in_windows = generations_loaded = 0
    for post in bench.posts:
        if load is not None:
            load.start()
            await asyncio.sleep(0.3)  # the worker is generating before the first click
            load_started = time.perf_counter()
        probe = LagProbe()
        probe.start()
        if sampler is not None:
            sampler.resume()
        profiler = cProfile.Profile() if profile and not result.runs else None
        if profiler is not None:
            profiler.enable()  # this thread only: the bot's event loop
        cpu_before, wall_before = thread_cpu(), time.perf_counter()
        GC.recording = True
        latencies, start, end = await bench.clicks(post, first, count, at_once=at_once)
        GC.recording = False
        pauses = GC.between(start, end)
        result.gc_max = max([result.gc_max] + [p[2] for p in pauses])
        result.gc_pauses += pauses
        if not result.runs:
            result.cpu = (time.perf_counter() - wall_before, cpu_between(cpu_before, thread_cpu()))
        if profiler is not None:
            profiler.disable()
            result.profile = profiler
        if sampler is not None:
            sampler.pause()
        lags = await probe.stop()
        if load is not None:
            load_ended = time.perf_counter()
            await load.stop()
            generations_in_windows += bench.model.finished_between(start, end)
            generations_loaded += bench.model.finished_between(load_started, load_ended)
            busy += bench.model.busy_between(start, end)
            windows += end - start
            loaded += load_ended - load_started
        result.runs.append(summary(latencies))
        result.samples += len(latencies)
        result.lag_max = max(result.lag_max, max(lags, default=0.0))
    if load is not None:
        result.generations = generations_in_windows
        result.busy = busy / windows
        result.notes.append(f"{generations_in_windows} generations finished within the {windows:.2f} s of "
                            f"acknowledgement windows (the model generating {100 * result.busy:.0f}% of "
                            f"that time); {generations_loaded} in the {loaded:.1f} s until every receipt")
    return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


async def run(args) -> tuple[list[Scenario], StallSampler | None, dict]:
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    folder = Path(tempfile.mkdtemp(prefix="folkmoot-interactions-"))
    server = ServerProcess(args.members)  # starting while the model trains
    factory = partial(TransformersLanguageModel, str(build_tiny_gpt2(folder / "tiny-gpt2")), local_files_only=True)
    # as the bot runs a local model (FOLKMOOT_MODEL_IN_SUBPROCESS, default on), or in its own process
    model = CountingModel(factory() if args.in_process else SubprocessLanguageModel(factory), cap=SETUP_TOKENS)
    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    gov = bootstrap(Settings(), engine=engine, model=BackendSelection(model, "tiny GPT-2 for the benchmark"),
                    output_limits=AI_OUTPUT)
    info: dict = {}
    started = time.perf_counter()
    gov.write_draft("Warm-up: paint the warm-up bench blue for 10 DAI.")  # one-time costs, before the bot
    info["warm_up"] = time.perf_counter() - started
    try:
        with server.redirect():
            bots = Bots(server, gov)
            await bots.start(gov, **prepare(gov))
            try:
                bench = Bench(server, model, args.members)
                started = time.perf_counter()
                await server.call("configure")
                for n in range(args.repeats):
                    bench.posts.append(await server.call("proposal", n + 1))
                info["setup"] = time.perf_counter() - started
                info["heap"] = len(gc.get_objects())
                if not args.no_settle:  # as `folkmoot run` does before connecting
                    settle_heap()
                model.cap = args.new_tokens or None
                load = GenerationLoad(lambda idea: gov.infer(gov.write_draft, idea), in_flight=2)
                sampler = StallSampler() if args.diagnose else None
                if sampler is not None:
                    sampler.start()
                results = [
                    await scenario(bench, "baseline: 1 at a time, idle", SINGLES, at_once=False, load=None),
                    await scenario(bench, "1 at a time + gen", SINGLES, at_once=False, load=load),
                    await scenario(bench, f"{args.burst} at once", args.burst, at_once=True, load=None,
                                   profile=args.diagnose),
                    await scenario(bench, f"{args.burst} at once + gen", args.burst, at_once=True,
                                   load=load, sampler=sampler),
                ]
                if sampler is not None:
                    await sampler.stop()
                info["answered_ok"] = bench.answered_ok
                info["drafts"] = load.completed
                info["draft_failures"] = load.failed
                info["generate_median"] = statistics.median(model.seconds) if model.seconds else 0.0
                return results, sampler, info
            finally:
                await bots.stop_all()
                gov.shutdown()
    finally:
        server.close()
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--new-tokens", type=int, default=64,
                        help="cap on each generation's new tokens during the load (0: the templates' own)")
    parser.add_argument("--diagnose", action="store_true",
                        help="CPU by thread, cProfile of the bot loop, its stack whenever it stalls")
    parser.add_argument("--in-process", action="store_true",
                        help="generate in a thread of the bot's process instead of a child process")
    parser.add_argument("--no-settle", action="store_true",
                        help="skip bot.discord.runner.settle_heap() (gc.freeze and thresholds), to see what it buys")
    args = parser.parse_args()
    args.members = 2 * (args.burst + SINGLES)  # each scenario its own members, each votes once per proposal
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("discord").setLevel(logging.ERROR)

    print(machine_load())
    busy_at_start = machine_busy()
    started = time.perf_counter()
    GC.install()
    results, sampler, info = asyncio.run(run(args))
    elapsed = time.perf_counter() - started

    baseline_p99 = median_of(results[0].runs, "p99")
    rows = []
    for result in results:
        p99 = median_of(result.runs, "p99")
        worst = max(run["p99"] for run in result.runs)
        rows.append([result.name, ms(median_of(result.runs, "p50")), ms(p99), ms(median_of(result.runs, "max")),
                     ms(worst), f"{len(result.runs)}×{result.samples // len(result.runs)}",
                     f"{p99 / baseline_p99:.1f}×", ms(result.lag_max), ms(result.gc_max)])
    print_table("Interaction acknowledgement: INTERACTION_CREATE → first callback",
                ["scenario", "p50", "p99", "max", "worst p99", "n", "p99 / baseline", "loop lag max",
                 "GC pause max"], rows)
    for result in results:
        for note in result.notes:
            print(f"{result.name}: {note}")
    under_load = median_of(results[-1].runs, "p99")
    print(f"target: p99 under load < {TARGET_P99 * 1000:.0f} ms (Discord allows {DISCORD_DEADLINE:.0f} s): "
          f"{ms(under_load)} — {'met' if under_load < TARGET_P99 else 'MISSED'}")
    print(f"model: {info['drafts']} drafts in all ({info['draft_failures']} refused or failed), "
          f"median generate() {ms(info['generate_median'])}; {info['heap']:,} objects tracked by the GC"
          f"{' (heap not settled)' if args.no_settle else ''}; model warm-up {info['warm_up']:.1f} s, setup "
          f"{info['setup']:.1f} s; whole run {elapsed:.0f} s")
    if not info["answered_ok"]:
        print("FAILED: an interaction was not acknowledged exactly once with a defer and a receipt")
    if args.diagnose:
        print("\nCPU seconds by thread of the bot process, first repeat, first click to last receipt:")
        for result in results:
            wall, spent = result.cpu
            print(f"  {result.name} ({wall:.2f} s): " + ", ".join(f"{n} {s:.2f}" for n, s in spent[:6]))
        print("garbage-collector pauses ≥ 5 ms inside acknowledgement windows (generation, thread):")
        for result in results:
            long = [f"gen {g} {ms(t)} on {thread}" for g, _, t, thread in result.gc_pauses if t >= 0.005]
            print(f"  {result.name}: {len(result.gc_pauses)} collections; "
                  + (", ".join(long) or "none ≥ 5 ms"))
    for result in results:
        if result.profile is not None:
            print(f"\nbot event loop, cProfile over one '{result.name}' burst (top by own time):")
            pstats.Stats(result.profile).sort_stats("tottime").print_stats(12)
            print(f"bot event loop, cProfile over one '{result.name}' burst (top by cumulative time):")
            pstats.Stats(result.profile).sort_stats("cumulative").print_stats(24)
    if sampler is not None:
        print("bot loop stalls ≥ 20 ms, most frequent stacks (innermost last):")
        for count, stack in sampler.report():
            print(f"  {count} samples:\n      {stack}")
    busy = results[-1].busy
    if busy < MIN_BUSY:
        print(f"FAILED: the model generated during only {100 * busy:.0f}% of the burst windows")
    if not (info["answered_ok"] and busy >= MIN_BUSY):
        return 1
    if under_load < TARGET_P99:
        return 0
    if busy_at_start:
        print("latency target not judged: the machine was busy when the run started (see the first line)")
        return NOT_JUDGED
    return 1


if __name__ == "__main__":
    raise SystemExit(main())

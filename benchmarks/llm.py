"""Summarisation latency per language-model backend, pipeline overhead, cache hits.

    python benchmarks/llm.py [--repeats 7]

Backends: the transformers backend on a tiny GPT-2 built here (2 layers, 64
wide; it measures the plumbing, not a real model's speed), the extractive
backend on the packaged all-MiniLM-L6-v2, and the HTTP backend against a local
OpenAI-compatible server. Medians over repeats, each on a text not seen before
(cache misses) unless the row says otherwise. Offline: nothing is downloaded.
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.report import machine_load
from governance.adapters.llm.minilm import MiniLmEmbedder
from governance.adapters.llm.openai_http import OpenAICompatibleLanguageModel
from governance.adapters.llm.transformers_backend import TransformersLanguageModel
from governance.ai.extractive import ExtractiveWriter
from governance.ai.prompts import PromptLibrary
from governance.ai.service import AiService
from governance.ai.untrusted import data_block
from governance.ports import ChatMessage, GenerationParams, LanguageModel
from tests.fakes.ai_records import InMemoryAiRecordStore
from tests.fakes.fake_openai_server import FakeOpenAIServer
from tests.fakes.tiny_gpt2 import (
    CANNED_SUMMARY,
    build_tiny_gpt2,
    with_chat_template,
)

PROPOSAL = (
    "The garden working group proposes to build twelve raised beds in the community garden. "
    "We ask 500 DAI paid to garden.eth for wood, soil and tools. "
    "Members will plant vegetables together every Saturday from March. "
    "Theft of tools is a risk, so a lockable shed is included. "
    "Who waters the beds during the summer holidays?"
)
PARAMS = GenerationParams(max_new_tokens=64)
BASELINE = "bare generate, tiny GPT-2 (baseline)"
VALID = "summarize, tiny GPT-2, valid answer"
OVERHEAD = "  of which outside generate (pipeline)"
CACHE_HIT = "summarize, cache hit"


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ValidAnswer:
    """The tiny model generating for real, but answering with a well-formed summary, so the
    pipeline runs its success path (one generate, validate, provenance, store)."""

    def __init__(self, model: LanguageModel):
        self.model = model
        self.info = model.info
        self.context_window = model.context_window
        self.count_tokens = model.count_tokens
        self.generating = 0.0  # seconds spent inside the real generate

    def generate(self, messages: list[ChatMessage], params: GenerationParams) -> str:
        started = time.perf_counter()
        self.model.generate(messages, params)
        self.generating += time.perf_counter() - started
        return CANNED_SUMMARY


def overhead_ms(service: AiService, model: ValidAnswer, repeats: int) -> float:
    """Median time a summarize call spends outside generate (render, budget, validation,
    provenance, store): the pipeline's own cost, free of the model's speed and noise."""
    overheads = []
    for n in range(repeats):
        model.generating = 0.0
        started = time.perf_counter()
        service.summarize(variant(1000 + n))
        overheads.append(time.perf_counter() - started - model.generating)
    return statistics.median(overheads) * 1000


def median_ms(run: Callable[[int], object], repeats: int) -> float:
    run(-1)  # warm-up: lazy loads, first-call allocations
    times = []
    for n in range(repeats):
        started = time.perf_counter()
        run(n)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def service(model: LanguageModel | None, embedder: MiniLmEmbedder) -> AiService:
    return AiService(
        model=model,
        extractive=ExtractiveWriter(embedder),
        store=InMemoryAiRecordStore(),
        clock=Clock(),
        params=PARAMS,
    )


def variant(n: int) -> str:
    return f"{PROPOSAL} Variant {n}."


def measure(repeats: int, work: Path) -> list[tuple[str, float]]:
    tiny = TransformersLanguageModel(
        str(with_chat_template(build_tiny_gpt2(work / "plain"), work / "chat"))
    )
    embedder = MiniLmEmbedder()
    prompt = (
        PromptLibrary()
        .get("summarize")
        .render({"from_notes": False}, {"proposal": data_block("PROPOSAL", PROPOSAL, "n")})
    )
    answering = ValidAnswer(tiny)
    valid, as_is, extractive = (service(m, embedder) for m in (answering, tiny, None))
    rows = [
        (BASELINE, median_ms(lambda n: tiny.generate(list(prompt.messages), PARAMS), repeats)),
        (VALID, median_ms(lambda n: valid.summarize(variant(n)), repeats)),
        (OVERHEAD, overhead_ms(valid, answering, repeats)),
        (
            "summarize, tiny GPT-2 as is (retry, fallback)",
            median_ms(lambda n: as_is.summarize(variant(n)), repeats),
        ),
        (
            "summarize, extractive MiniLM",
            median_ms(lambda n: extractive.summarize(variant(n)), repeats),
        ),
    ]
    with FakeOpenAIServer(lambda messages: CANNED_SUMMARY) as server:
        http = service(OpenAICompatibleLanguageModel(server.base_url, "fake-model"), embedder)
        rows.append(
            (
                "summarize, HTTP local server",
                median_ms(lambda n: http.summarize(variant(n)), repeats),
            )
        )
    rows.append((CACHE_HIT, median_ms(lambda n: valid.summarize(variant(0)), repeats)))
    return rows


def print_table(rows: list[tuple[str, float]]) -> None:
    baseline = rows[0][1]
    width = max(len(name) for name, _ in rows)
    print(f"{'scenario':<{width}}  {'median ms':>10}  {'× baseline':>10}")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:>10.2f}  {ms / baseline:>10.3g}")
    by_name = dict(rows)
    print(
        f"\npipeline overhead: {by_name[OVERHEAD]:.2f} ms per call outside generate, "
        f"{by_name[OVERHEAD] / baseline:.2%} of a bare generate"
    )
    print(f"cache hit vs miss (valid answer): {by_name[VALID] / by_name[CACHE_HIT]:,.0f}× faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    args = parser.parse_args()
    import torch
    from transformers.utils import logging

    if args.threads:
        torch.set_num_threads(args.threads)
    # Other work on the machine skews latencies badly (torch threads spin on busy cores).
    print(f"{machine_load()}; torch threads {torch.get_num_threads()}\n")

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    with tempfile.TemporaryDirectory() as work:
        print_table(measure(args.repeats, Path(work)))


if __name__ == "__main__":
    main()

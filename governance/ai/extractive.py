"""Outputs without a language model: the most central sentences by sentence embeddings.

Each method returns Markdown with the same headings the generative templates
ask for, so one validator serves both. Everything shown is copied from the
input (or is a fixed placeholder), so nothing is invented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from governance.ai.facts import extract_facts
from governance.ai.hashing import keccak_hex
from governance.ai.prompts import TemplateRef
from governance.ai.sections import parse_sections, render_sections
from governance.ai.tasks import DigestItem
from governance.ai.text_units import sentences
from governance.ai.vectors import dot, normalised_mean
from governance.ports import ModelInfo, SentenceEmbedder

ALGORITHM_VERSION = "1"
MAX_SENTENCES = 400  # embedding cost bound for giant inputs; sampled evenly past it
NEAR_DUPLICATE = 0.92
NONE_STATED = "None stated in the proposal."
TO_BE_DECIDED = "To be decided."
UNSTRUCTURED_NOTE = "The text could not be structured into sections; they are left as placeholders"

_RISK_WORDS = re.compile(
    r"\b(risks?|risky|could fail|may fail|attack|exploit|loss|lose|vulnerab\w*|depend\w*|"
    r"delay\w*|uncertain\w*|concern\w*|downside)\b",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(
    r"\b(week|month|day|year|quarter|Q[1-4]|deadline|milestone|by (?:the )?end|phase|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"\d{4}-\d{2}-\d{2})s?\b",
    re.IGNORECASE,
)
_MOTIVE_WORDS = re.compile(
    r"\b(because|so that|in order to|problem|need|needs|why|goal|aim|benefit)\b", re.IGNORECASE
)


class ExtractiveWriter:
    def __init__(self, embedder: SentenceEmbedder):
        self.embedder = embedder

    @property
    def info(self) -> ModelInfo:
        embedding = self.embedder.info
        return ModelInfo("extractive", embedding.model_id, embedding.revision)

    def template_ref(self, task: str) -> TemplateRef:
        """The extractive 'template' is this algorithm; its version names it in provenance."""
        name = f"extractive.{task}"
        return TemplateRef(
            name, ALGORITHM_VERSION, keccak_hex(f"{name}@{ALGORITHM_VERSION}".encode())
        )

    def summarize(self, text: str) -> str:
        found = list(dict.fromkeys(sentences(_prose(text))))
        statements = [s for s in found if not s.endswith("?")] or found  # questions go below
        central = self.central(statements, limit=6)
        asks = [s for s in found if extract_facts(s)][:5]
        risks = [s for s in found if _RISK_WORDS.search(s)][:4]
        questions = [s for s in found if s.endswith("?")][:4]
        return render_sections(
            [
                ("TL;DR", central[0] if central else NONE_STATED),
                ("Key points", _bullets(central[1:]) or NONE_STATED),
                ("Amounts and recipients", _bullets(asks) or NONE_STATED),
                ("Risks", _bullets(risks) or NONE_STATED),
                ("Open questions", _bullets(questions) or NONE_STATED),
            ]
        )

    def draft(self, idea: str) -> str:
        found = sentences(idea)
        title = (found[0] if found else "Untitled proposal").rstrip(".!?")
        return render_sections(
            [
                ("Title", title),
                ("Summary", " ".join(found[:2]) or idea.strip()),
                (
                    "Motivation",
                    _bullets([s for s in found if _MOTIVE_WORDS.search(s)]) or TO_BE_DECIDED,
                ),
                ("Specification", _bullets(found[:10]) or TO_BE_DECIDED),
                ("Budget", _bullets([s for s in found if _has_amount(s)]) or TO_BE_DECIDED),
                (
                    "Timeline",
                    _bullets([s for s in found if _TIME_WORDS.search(s)]) or TO_BE_DECIDED,
                ),
                ("Risks", _bullets([s for s in found if _RISK_WORDS.search(s)]) or TO_BE_DECIDED),
            ]
        )

    def revise(self, draft: str, sections: Sequence[str]) -> str:
        """Without a model the feedback cannot be applied: the draft stays as it is."""
        found = parse_sections(draft, sections)
        if len(found) < len(sections):  # not in our format: keep the text as its specification
            found = {**{name: TO_BE_DECIDED for name in sections}, **found}
            found["Specification"] = draft.strip() or TO_BE_DECIDED
        return render_sections((name, found[name] or TO_BE_DECIDED) for name in sections)

    def digest(self, items: Sequence[DigestItem]) -> str:
        if not items:
            return "No proposals to report."
        lines = ["Proposals in this digest:"]  # no count: a number not in the items gets flagged
        for item in items:
            lines.append(
                f"#{item.proposal_id} “{item.title}” is {item.state}: {item.votes_for} for, "
                f"{item.votes_against} against, {item.votes_abstain} abstaining."
            )
        return "\n".join(lines)

    def central(self, found: Sequence[str], limit: int) -> list[str]:
        """Up to `limit` sentences closest to the text's mean embedding, most central first,
        skipping near-duplicates of sentences already chosen."""
        candidates = _evenly_sampled(list(dict.fromkeys(found)), MAX_SENTENCES)
        if not candidates:
            return []
        vectors = self.embedder.embed(candidates)
        centre = normalised_mean(vectors)
        order = sorted(range(len(candidates)), key=lambda i: -dot(vectors[i], centre))
        chosen: list[int] = []
        for i in order:
            if all(dot(vectors[i], vectors[j]) < NEAR_DUPLICATE for j in chosen):
                chosen.append(i)
            if len(chosen) == limit:
                break
        return [candidates[i] for i in chosen]


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def _prose(text: str) -> str:
    """Markdown headings are labels, not sentences; bullets are sentences without their marker."""
    lines = [_BULLET.sub("", line) for line in text.splitlines() if not _HEADING.match(line)]
    return "\n".join(lines)


def placeholder(sections: Sequence[str]) -> str:
    """Every section present and saying nothing: the answer of last resort."""
    return render_sections((name, TO_BE_DECIDED) for name in sections)


def _has_amount(sentence: str) -> bool:
    return any(f.kind != "number" or f.unit for f in extract_facts(sentence))


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _evenly_sampled(items: list[str], limit: int) -> list[str]:
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]

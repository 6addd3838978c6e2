"""Outputs without a language model: the author's own structure, then the most central
sentences by sentence embeddings.

Each method returns Markdown with the same headings the generative templates ask for,
so one validator serves both. Everything shown is copied from the input (or is a fixed
placeholder), so nothing is invented. The proposal is read as its author wrote it
(structure.py): an author's "## Risks" is the Risks section, tables are rows of facts,
code, links and lines that only introduce a list are never taken for sentences, and text
addressed to an AI (injection.py) is never chosen. The amounts, addresses and recipients
come from the ledger (amounts.py), every one of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from governance.ai.amounts import build_ledger
from governance.ai.hashing import keccak_hex
from governance.ai.injection import find_planted
from governance.ai.prompts import TemplateRef
from governance.ai.sections import parse_sections, render_sections, section_key
from governance.ai.structure import ITEM, PARAGRAPH, Document, code_share, link_only, parse_document
from governance.ai.tasks import DigestItem
from governance.ai.text_units import sentences
from governance.ai.vectors import dot, normalised_mean
from governance.domain.facts import extract_facts
from governance.ports import ModelInfo, SentenceEmbedder

ALGORITHM_VERSION = "2"
MAX_SENTENCES = 400  # embedding cost bound for giant inputs; sampled evenly past it
NEAR_DUPLICATE = 0.92
NONE_STATED = "None stated in the proposal."
TO_BE_DECIDED = "To be decided."
UNSTRUCTURED_NOTE = "The text could not be structured into sections; they are left as placeholders"
FACTS_LIMIT = 3000  # the fact list may take most of a summary (see validation.FACT_SECTION_LIMIT)
TITLE_LIMIT = 100

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
_QUESTION = re.compile(r"[?？؟]$")
_WORDS = re.compile(r"[^\W\d_]{2,}")
# An author's headings, by what they are about: which of our sections each one fills.
_ALIASES = {
    "TL;DR": ("tldr", "summary", "abstract", "overview", "synopsis", "executivesummary", "inshort"),
    "Summary": ("summary", "abstract", "tldr", "overview", "synopsis", "executivesummary"),
    "Key points": ("keypoints", "highlights", "keychanges"),
    "Motivation": ("motivation", "background", "rationale", "why", "problem", "context", "problemstatement"),
    "Specification": ("specification", "spec", "implementation", "details", "scope", "deliverables",
                      "plan", "proposal", "executablecode", "transactions"),
    "Budget": ("budget", "funding", "costs", "cost", "request", "compensation", "amounts", "financials"),
    "Amounts and recipients": ("budget", "funding", "amounts", "amountsandrecipients", "costs",
                               "compensation", "allocation", "payments", "transfers", "financials"),
    "Timeline": ("timeline", "schedule", "milestones", "roadmap", "timing"),
    "Risks": ("risks", "risk", "riskassessment", "risksandmitigations", "securityconsiderations",
              "drawbacks", "concerns", "downsides", "risksandconsiderations", "knownrisks"),
    "Open questions": ("openquestions", "questions", "faq", "unresolvedquestions", "discussionpoints"),
    "Title": ("title",),
}
LABELS = frozenset(alias for aliases in _ALIASES.values() for alias in aliases)


@dataclass(frozen=True)
class Sentence:
    text: str
    section: str  # the author's heading above it


class _Reading:
    """One input as the extractive writer reads it: its structure, sentences and facts."""

    def __init__(self, text: str):
        self.document: Document = parse_document(text, LABELS)
        planted = [p.text for p in find_planted(text)]
        self.sentences: list[Sentence] = []
        for block in self.document.blocks:
            if block.kind not in (PARAGRAPH, ITEM) or link_only(block.markdown):
                continue
            if code_share(block.markdown) > 0.5:
                continue
            for sentence in sentences(block.text):
                if not _is_planted(sentence, planted) and not sentence.endswith((":", "：")):
                    self.sentences.append(Sentence(sentence, block.section))

    def under(self, section: str) -> list[str]:
        """The sentences under the author's headings that mean `section`."""
        aliases = _ALIASES.get(section, ())
        return list(dict.fromkeys(s.text for s in self.sentences if _heading_means(s.section, aliases)))

    def prose(self) -> list[str]:
        """Sentences that read as statements: enough words, not just a label and a fact."""
        return list(dict.fromkeys(s.text for s in self.sentences if _is_prose(s.text)))


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
        reading = _Reading(text)
        found = reading.prose()
        set_apart = set(reading.under("Risks")) | set(reading.under("Open questions"))
        statements = [s for s in found if not _QUESTION.search(s) and s not in set_apart]
        lead = [s for s in reading.under("TL;DR") if s in statements]
        tldr = lead[0] if lead else None
        central = self.central([s for s in statements if s != tldr], limit=6 if tldr is None else 5)
        if tldr is None and central:
            tldr, central = central[0], central[1:]
        ledger = build_ledger(text)
        return render_sections(
            [
                ("TL;DR", tldr or NONE_STATED),
                ("Key points", _bullets(central) or NONE_STATED),
                ("Amounts and recipients", ledger.render(FACTS_LIMIT) if len(ledger) else NONE_STATED),
                ("Risks", _bullets(_risks(reading, found)) or NONE_STATED),
                ("Open questions", _bullets(_questions(reading)) or NONE_STATED),
            ]
        )

    def draft(self, idea: str) -> str:
        reading = _Reading(idea)
        found = [s.text for s in reading.sentences]
        labelled = set().union(*(reading.under(name) for name in ("Budget", "Timeline", "Risks", "Title")))
        loose = [s for s in found if s not in labelled]
        heading = [reading.document.title] if reading.document.title else []
        title = _title((reading.under("Title") or heading or loose or found or ["Untitled proposal"])[0])
        ledger = build_ledger(idea)
        budget = ledger.render(FACTS_LIMIT) if len(ledger) else _bullets(reading.under("Budget"))
        return render_sections(
            [
                ("Title", title),
                ("Summary", " ".join(reading.under("Summary")[:2] or loose[:2]) or TO_BE_DECIDED),
                (
                    "Motivation",
                    _bullets(reading.under("Motivation") or [s for s in loose if _MOTIVE_WORDS.search(s)])
                    or TO_BE_DECIDED,
                ),
                ("Specification", _bullets((reading.under("Specification") or loose)[:10]) or TO_BE_DECIDED),
                ("Budget", budget or TO_BE_DECIDED),
                (
                    "Timeline",
                    _bullets(reading.under("Timeline") or [s for s in loose if _TIME_WORDS.search(s)])
                    or TO_BE_DECIDED,
                ),
                ("Risks", _bullets(_risks(reading, found)) or TO_BE_DECIDED),
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


def _heading_means(heading: str, aliases: Sequence[str]) -> bool:
    """ "## Risks", "Risks and mitigations", "3. Budget (USDC)": by the heading's first words."""
    words = re.sub(r"\(.*?\)|\[.*?\]|^\W*\d+[.)]?", " ", heading).split()
    keys = {section_key(" ".join(words[:n])) for n in (1, 2, 3, len(words))}
    return any(alias in keys for alias in aliases)


def _is_planted(sentence: str, planted: Sequence[str]) -> bool:
    return any(sentence in p or p in sentence for p in planted)


def _is_prose(sentence: str) -> bool:
    """At least four words that are not part of a fact ("Address: 0x…" is a fact, not a point)."""
    rest = sentence
    for fact in reversed(extract_facts(sentence)):
        rest = rest[: fact.start] + " " + rest[fact.end :]
    if not rest.isascii():  # scripts written without spaces: count characters instead
        return len(rest.strip()) >= 6
    return len(_WORDS.findall(rest)) >= 4


def _risks(reading: _Reading, found: Sequence[str]) -> list[str]:
    """The author's own risks section when there is one; else sentences about risk."""
    own = reading.under("Risks")
    if own:
        return own[:6]
    return [s for s in found if _RISK_WORDS.search(s)][:4]


def _questions(reading: _Reading) -> list[str]:
    own = reading.under("Open questions")
    asked = list(dict.fromkeys(s.text for s in reading.sentences if _QUESTION.search(s.text)))
    return own[:6] if own else asked[:4]


def _title(sentence: str) -> str:
    title = " ".join(sentence.split()).rstrip(".!?。！？؟")
    if len(title) <= TITLE_LIMIT:
        return title
    cut = title[: TITLE_LIMIT - 3]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "..."  # "…" would become "..." (NFKC)


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

"""A test stand-in for the AI pipeline that needs no model at all: it arranges the member's own
words into the standard sections, so most e2e tests start a light bot. It plugs in where the real
pipeline does (`bootstrap(ai=...)`), so everything around it is the product's own path: the
application's AI use cases, provenance filed in the database, the inference worker, the embeds.
`folkmoot run` never uses it: it always has a real pipeline (a model, or the extractive backend),
exercised through the bot in test_live_services.py and test_scheduled_posts.py.

Nothing is invented. Lines the member starts with a section name ("Budget: …" or
"## Budget") go to that section; the rest is the motivation; missing sections say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from governance.ai.hashing import keccak_hex, text_hash
from governance.ai.prompts import TemplateRef
from governance.ai.provenance import make_record
from governance.ai.results import AiResult, SimilarityReport
from governance.ai.similarity import SimilarMatch
from governance.ai.store import AiRecordStore
from governance.ai.tasks import DigestItem, ExistingProposal, digest_source
from governance.ports import ModelInfo

WITHOUT_MODEL = "produced without a language model"
SECTIONS = ("Summary", "Motivation", "Specification", "Budget", "Timeline", "Risks")
NOT_STATED = "_Not stated yet._"
REVISION_NOTES = "Revision notes"
TITLE_CHARS = 90
SIMILAR_AT = 0.5  # share of the shorter text's words found in the other

DRAFT_NOTE = ("Written without a language model: your idea was arranged into sections, nothing was "
              "added.")
REVISE_NOTE = ("Written without a language model: sections you named (e.g. 'Budget: …') were replaced; "
               "other feedback was added under Revision notes.")
STAND_IN = ModelInfo("stand-in", WITHOUT_MODEL, "1")

_NAMES = "|".join(("Title",) + SECTIONS + (REVISION_NOTES,))
# "## Budget", "Budget:" or "## Budget: …" start a section; "Budget is tight" does not.
_HEADING = re.compile(rf"^\s*(?:#{{1,3}}\s*(?P<a>{_NAMES})\b\s*:?|(?P<b>{_NAMES})\s*:)\s*(?P<rest>.*)$",
                      re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W\d_]{4,}")


def first_sentence(text: str, limit: int = 300) -> str:
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"


def make_title(text: str) -> str:
    line = first_sentence(text).splitlines()[0] if text.strip() else "Untitled proposal"
    if len(line) > TITLE_CHARS:
        line = line[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return line.rstrip(" .!?:;,") or "Untitled proposal"


def split_sections(text: str) -> tuple[str | None, dict[str, str], str]:
    """(title, {section: text}, unlabelled text) from lines that name a section."""
    title, sections, loose, current = None, {}, [], None
    canonical = {name.lower(): name for name in SECTIONS + (REVISION_NOTES,)}
    for line in text.strip().splitlines():
        match = _HEADING.match(line)
        name = (match.group("a") or match.group("b")).lower() if match else None
        rest = match.group("rest").strip() if match else ""
        if name == "title":
            title, current = rest or None, None
            continue
        if name:
            sections.setdefault(canonical[name], [])
            if rest:
                sections[canonical[name]].append(rest)
            # "Budget: 500 EUR" is one line; "## Budget" runs until the next heading
            current = None if match.group("b") and rest else canonical[name]
            continue
        (sections[current] if current else loose).append(line)
    joined = {name: "\n".join(lines).strip() for name, lines in sections.items()}
    return title, {k: v for k, v in joined.items() if v}, "\n".join(loose).strip()


def render(sections: dict[str, str]) -> str:
    names = SECTIONS + ((REVISION_NOTES,) if sections.get(REVISION_NOTES) else ())
    return "\n\n".join(f"## {name}\n{sections.get(name) or NOT_STATED}" for name in names)


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def overlap(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= 3 else 0.0


@dataclass(frozen=True)
class Arranged:
    """What the stand-in wrote: a title and the body in the standard sections."""

    title: str
    body: str
    sections: dict[str, str]


def arrange(idea: str) -> Arranged:
    title, sections, loose = split_sections(idea)
    if loose:
        sections["Motivation"] = "\n\n".join(filter(None, [sections.get("Motivation"), loose]))
    sections.setdefault("Summary", first_sentence(sections.get("Motivation") or idea))
    return Arranged(title or make_title(loose or idea), render(sections), sections)


def rearrange(title: str, body: str, feedback: str) -> Arranged:
    _, current, _ = split_sections(body)
    new_title, changes, loose = split_sections(feedback)
    current.update(changes)
    if loose:
        notes = current.get(REVISION_NOTES, "")
        current[REVISION_NOTES] = "\n".join(filter(None, [notes, f"- {' '.join(loose.split())}"]))
    return Arranged(new_title or title, render(current), current)


def summary_of(body: str) -> str:
    _, sections, loose = split_sections(body)
    return sections.get("Summary") or first_sentence(loose or body)


class StandInAi:
    """The AI pipeline's interface (governance.ai.service.AiService) without a model. Its outputs
    are stored like any other: their provenance records go through the real record store."""

    reason = "a stand-in that arranges the member's own words (tests)"

    def __init__(self, store: AiRecordStore | None = None):
        self.store = store

    def draft(self, idea: str) -> AiResult:
        return self._drafted("draft", idea, arrange(idea), DRAFT_NOTE)

    def revise(self, draft: str, feedback: str) -> AiResult:
        title, _, _ = split_sections(draft)  # the application passes "## Title\n…\n\n<body>"
        body = draft.split("\n\n", 1)[1] if draft.startswith("## Title") else draft
        return self._drafted("revise", f"{draft}\n\n{feedback}", rearrange(title or "", body, feedback),
                             REVISE_NOTE)

    def summarize(self, text: str, community_id: int | None = None, extra=()) -> AiResult:
        body = text.split("\n\n", 1)[1] if text.startswith("# ") and "\n\n" in text else text
        return self._result("summarize", text, summary_of(body), (), (), community_id)

    def digest_narrative(self, items: Sequence[DigestItem], community_id: int | None = None) -> AiResult:
        text = " ".join(f"#{i.proposal_id} {i.title}: {i.state}." for i in items)
        return self._result("digest", digest_source(list(items)), text, (), (), community_id)

    def similar(self, idea: str, existing: Sequence[ExistingProposal],
                community_id: int | None = None) -> SimilarityReport:
        wanted = words(idea)
        scored = [SimilarMatch(p.proposal_id, p.title, overlap(wanted, words(f"{p.title} {p.text}")))
                  for p in existing]
        matches = tuple(sorted((m for m in scored if m.score >= SIMILAR_AT), key=lambda m: -m.score)[:3])
        record = _record("similar", idea, repr([(m.proposal_id, m.score) for m in matches]))
        return SimilarityReport(matches, None, record, self._store(record, community_id))

    def _drafted(self, task: str, source: str, arranged: Arranged, note: str) -> AiResult:
        sections = (("Title", arranged.title),) + tuple(
            (name, arranged.sections.get(name) or NOT_STATED) for name in SECTIONS)
        return self._result(task, source, arranged.body, sections, (note,), None)

    def _result(self, task: str, source: str, text: str, sections: tuple[tuple[str, str], ...],
                notes: tuple[str, ...], community_id: int | None) -> AiResult:
        record = _record(task, source, text)
        return AiResult(task=task, text=text, sections=sections, flags=(), notes=notes,
                        without_language_model=True, provenance=record,
                        provenance_id=self._store(record, community_id))

    def _store(self, record, community_id: int | None) -> int | None:
        return self.store.add_provenance(record, community_id) if self.store else None


def _record(task: str, source: str, output: str, model: ModelInfo = STAND_IN):
    return make_record(task=task, model=model, template=TemplateRef("stand-in", "1", keccak_hex(b"stand-in")),
                       prompt_hash="", input_hash=text_hash(source), output_text=output, params={},
                       created_at=datetime.now(UTC))

"""What the AI service returns, and its JSON form for storage."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

from governance.ai.grounding import Flag
from governance.ai.provenance import ProvenanceRecord
from governance.ai.similarity import SimilarMatch

WITHOUT_MODEL_NOTE = "Produced without a language model (extractive)."


@dataclass(frozen=True)
class AiResult:
    task: str
    text: str  # Discord-safe Markdown, within the embed description limit
    sections: tuple[tuple[str, str], ...]  # (heading, body): within a field's limit, but the fact list (≤ 3,000)
    flags: tuple[Flag, ...]  # facts not in the source, mixed-script words
    notes: tuple[str, ...]  # shown with the output: fallback reasons, unapplied feedback
    without_language_model: bool
    provenance: ProvenanceRecord
    cached: bool = False
    # the stored provenance record (set by the record store): bookkeeping, not part of the output
    provenance_id: int | None = field(default=None, compare=False)

    def section(self, name: str) -> str | None:
        return dict(self.sections).get(name)

    @property
    def tldr(self) -> str | None:
        return self.section("TL;DR")

    def as_cached(self) -> AiResult:
        return replace(self, cached=True)


@dataclass(frozen=True)
class SimilarityReport:
    matches: tuple[SimilarMatch, ...]
    warning: str | None  # user-safe text naming the closest proposal, or None
    provenance: ProvenanceRecord
    provenance_id: int | None = field(default=None, compare=False)


def result_to_json(result: AiResult) -> str:
    data = asdict(result)
    data.pop("cached")
    data.pop("provenance_id")  # the store's, not part of the output
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def result_from_json(text: str) -> AiResult:
    data = json.loads(text)
    return AiResult(
        task=data["task"],
        text=data["text"],
        sections=tuple((name, body) for name, body in data["sections"]),
        flags=tuple(Flag(**flag) for flag in data["flags"]),
        notes=tuple(data["notes"]),
        without_language_model=data["without_language_model"],
        provenance=ProvenanceRecord(**data["provenance"]),
    )

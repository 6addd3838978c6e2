"""Is a new idea close to an existing proposal? Cosine of MiniLM embeddings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from governance.ai.tasks import ExistingProposal
from governance.ai.vectors import dot
from governance.ports import SentenceEmbedder

DEFAULT_THRESHOLD = 0.7  # all-MiniLM-L6-v2: the same idea reworded ≈0.75–0.9, other topics ≲0.5
COMPARED_CHARS = 2000  # MiniLM reads 256 word pieces; the opening says what a proposal is


@dataclass(frozen=True)
class SimilarMatch:
    proposal_id: int | str
    title: str
    score: float


def comparable_text(title: str, text: str) -> str:
    return f"{title}. {text}"[:COMPARED_CHARS]


def find_similar(
    idea: str,
    existing: Sequence[ExistingProposal],
    embedder: SentenceEmbedder,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[SimilarMatch]:
    """Existing proposals at or above `threshold`, closest first."""
    if not existing:
        return []
    vectors = embedder.embed(
        [idea[:COMPARED_CHARS]] + [comparable_text(p.title, p.text) for p in existing]
    )
    scored = [
        SimilarMatch(p.proposal_id, p.title, round(dot(vectors[0], vector), 4))
        for p, vector in zip(existing, vectors[1:], strict=True)
    ]
    return sorted((m for m in scored if m.score >= threshold), key=lambda m: -m.score)


def similarity_warning(matches: Sequence[SimilarMatch]) -> str | None:
    if not matches:
        return None
    best = matches[0]
    others = f" and {len(matches) - 1} more" if len(matches) > 1 else ""
    return (
        f"This idea looks close to proposal #{best.proposal_id} “{best.title}” "
        f"(similarity {best.score:.2f}){others}. Check it before drafting a new one."
    )

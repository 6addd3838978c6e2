"""What the AI service needs from storage (the SQL store is governance.adapters.sql.ai_store).

Each call is one transaction. An output is filed under the community whose ledger will anchor its
provenance as it is stored, when the caller knows the community (a summary, a similarity check,
a digest narrative); a draft is filed when it becomes a revision (services.proposals).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from governance.ai.provenance import ProvenanceRecord
from governance.ai.results import AiResult


@dataclass(frozen=True)
class CacheKey:
    """Same input, same template, same model and weights: same output (greedy decoding)."""

    input_hash: str
    template_hash: str
    model: str  # ModelInfo.key: "backend:model_id@revision"


class AiRecordStore(Protocol):
    """Cached outputs and provenance records. Called from the inference thread."""

    def get_cached(self, key: CacheKey, community_id: int | None = None) -> AiResult | None:
        """The stored output with its provenance_id, filed under `community_id` if it was not yet."""

    def save(self, key: CacheKey, result: AiResult, community_id: int | None = None) -> AiResult:
        """Stores the output under `key` and its provenance record (result.provenance), filed under
        `community_id`, in one transaction; returns it as stored, with its provenance_id. If another
        caller stored the same key first, theirs comes back: the first save wins."""

    def add_provenance(self, record: ProvenanceRecord, community_id: int | None = None) -> int:
        """Provenance of an output that is not cached (similarity checks); returns its id."""

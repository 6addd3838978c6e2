"""What the AI service needs from storage (the SQL store is governance.adapters.sql.ai_store)."""

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


@dataclass(frozen=True)
class StoredProvenance:
    """A provenance record as stored: the exact canonical JSON whose keccak is its hash."""

    id: int
    record_hash: str
    canonical: str
    community_id: int | None
    anchor_id: int | None


@dataclass(frozen=True)
class Anchor:
    """A Merkle root over one community's provenance records, written to its ledger."""

    id: int
    community_id: int
    root: str
    record_count: int


class AiRecordStore(Protocol):
    """Cached outputs and provenance records. Called from the inference thread."""

    def get_cached(self, key: CacheKey) -> AiResult | None: ...

    def save(self, key: CacheKey, result: AiResult) -> None:
        """Stores the output under `key` and its provenance record (result.provenance),
        in one transaction. Saving an existing key again replaces nothing."""

    def add_provenance(self, record: ProvenanceRecord) -> None:
        """Provenance of an output that is not cached (similarity checks)."""

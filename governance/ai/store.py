"""What the AI service needs from storage, and an in-memory implementation for tests."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from governance.ai.provenance import ProvenanceRecord
from governance.ai.results import AiResult, result_from_json, result_to_json


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


class InMemoryAiRecordStore:
    """Round-trips through JSON like a database would, so tests catch what would not store."""

    def __init__(self) -> None:
        self._outputs: dict[CacheKey, str] = {}
        self.records: list[ProvenanceRecord] = []
        self._lock = threading.Lock()

    def get_cached(self, key: CacheKey) -> AiResult | None:
        with self._lock:
            stored = self._outputs.get(key)
        return result_from_json(stored).as_cached() if stored is not None else None

    def save(self, key: CacheKey, result: AiResult) -> None:
        with self._lock:
            if key not in self._outputs:
                self._outputs[key] = result_to_json(result)
                self.records.append(ProvenanceRecord.from_json(result.provenance.canonical_json()))

    def add_provenance(self, record: ProvenanceRecord) -> None:
        with self._lock:
            self.records.append(record)

"""The AI service's record store in memory: it round-trips through JSON like a database would,
so tests catch what would not store."""

from __future__ import annotations

import threading

from governance.ai.provenance import ProvenanceRecord
from governance.ai.results import AiResult, result_from_json, result_to_json
from governance.ai.store import CacheKey


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

"""The AI service's record store in memory: it round-trips through JSON like a database would,
so tests catch what would not store; ids and community filing behave like the SQL store's. Given
an InMemoryDatabase, its provenance records are that database's (as the SQL store and the SQL unit
of work share one database), so use cases can anchor and verify them."""

from __future__ import annotations

import threading
from dataclasses import replace

from governance.ai.provenance import ProvenanceRecord
from governance.ai.results import AiResult, result_from_json, result_to_json
from governance.ai.store import CacheKey
from tests.fakes.unit_of_work import InMemoryDatabase, InMemoryUnitOfWork


class InMemoryAiRecordStore:
    def __init__(self, database: InMemoryDatabase | None = None) -> None:
        self.database = database
        self._outputs: dict[CacheKey, tuple[str, int]] = {}  # output JSON, its provenance id
        self.records: list[ProvenanceRecord] = []  # without a database, id n is records[n - 1]
        self.communities: dict[int, int] = {}  # provenance id → the community it is filed under
        self._lock = threading.Lock()

    def get_cached(self, key: CacheKey, community_id: int | None = None) -> AiResult | None:
        with self._lock:
            stored = self._outputs.get(key)
            if stored is None:
                return None
            self._file(stored[1], community_id)
        return replace(result_from_json(stored[0]).as_cached(), provenance_id=stored[1])

    def save(self, key: CacheKey, result: AiResult, community_id: int | None = None) -> AiResult:
        with self._lock:
            if key not in self._outputs:
                record = ProvenanceRecord.from_json(result.provenance.canonical_json())
                self._outputs[key] = (result_to_json(result), self._add(record, community_id))
                return replace(result, provenance_id=self._outputs[key][1])
        return self.get_cached(key, community_id)  # another caller saved it first: theirs wins

    def add_provenance(self, record: ProvenanceRecord, community_id: int | None = None) -> int:
        with self._lock:
            return self._add(record, community_id)

    def _add(self, record: ProvenanceRecord, community_id: int | None) -> int:
        self.records.append(record)
        if self.database is not None:
            with InMemoryUnitOfWork(self.database) as uow:
                stored = uow.provenance.add(record.record_hash, record.canonical_json().decode(), community_id)
                uow.commit()
            return stored.id
        provenance_id = len(self.records)
        self._file(provenance_id, community_id)
        return provenance_id

    def _file(self, provenance_id: int, community_id: int | None) -> None:
        if community_id is None:
            return
        if self.database is not None:
            with InMemoryUnitOfWork(self.database) as uow:
                uow.provenance.claim(provenance_id, community_id)
                uow.commit()
        self.communities.setdefault(provenance_id, community_id)

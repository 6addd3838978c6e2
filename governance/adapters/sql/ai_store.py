"""The AI service's store (cache + provenance) and the unit of work's provenance repository."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from governance.adapters.sql.ai_tables import AiOutputRow, ProvenanceAnchorRow, ProvenanceRow
from governance.ai.provenance import ProvenanceRecord
from governance.ai.results import AiResult, result_from_json, result_to_json
from governance.ai.store import CacheKey
from governance.domain.provenance import Anchor, StoredProvenance


def _provenance_row(record: ProvenanceRecord, now: datetime) -> ProvenanceRow:
    return ProvenanceRow(record_hash=record.record_hash, task=record.task,
                         canonical=record.canonical_json().decode("utf-8"), created_at=now)


class SqlAiRecordStore:
    """Implements governance.ai.store.AiRecordStore (one transaction a call); called from the
    inference thread."""

    def __init__(self, engine):
        self.engine = engine

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)  # ids stay readable after commit

    def get_cached(self, key: CacheKey, community_id: int | None = None) -> AiResult | None:
        with self._session() as s:
            found = s.exec(select(AiOutputRow, ProvenanceRow).join(
                ProvenanceRow, ProvenanceRow.record_hash == AiOutputRow.record_hash).where(
                AiOutputRow.input_hash == key.input_hash, AiOutputRow.template_hash == key.template_hash,
                AiOutputRow.model == key.model)).first()
            if found is None:
                return None
            output, record = found
            if _file_under(s, record, community_id):
                s.commit()
            return replace(result_from_json(output.result).as_cached(), provenance_id=record.id)

    def save(self, key: CacheKey, result: AiResult, community_id: int | None = None) -> AiResult:
        with self._session() as s:
            s.add(AiOutputRow(input_hash=key.input_hash, template_hash=key.template_hash, model=key.model,
                              task=result.task, result=result_to_json(result),
                              record_hash=result.provenance.record_hash, created_at=datetime.now(UTC)))
            record = self._record(s, result.provenance, community_id)
            try:
                s.commit()
                return replace(result, provenance_id=record.id)
            except IntegrityError:
                s.rollback()  # another caller saved the same key first: the first save wins
        return self.get_cached(key, community_id)

    def add_provenance(self, record: ProvenanceRecord, community_id: int | None = None) -> int:
        with self._session() as s:
            row = self._record(s, record, community_id)
            try:
                s.commit()
                return row.id
            except IntegrityError:
                s.rollback()  # the identical record was stored at the same moment
        return self._existing(record.record_hash, community_id)

    @staticmethod
    def _record(s: Session, record: ProvenanceRecord, community_id: int | None) -> ProvenanceRow:
        """The provenance row of `record` (added if new, flushed for its id), filed under the community."""
        row = s.exec(select(ProvenanceRow).where(ProvenanceRow.record_hash == record.record_hash)).first()
        if row is None:
            row = _provenance_row(record, datetime.now(UTC))
            row.community_id = community_id
            s.add(row)
            s.flush()
        else:
            _file_under(s, row, community_id)
        return row

    def _existing(self, record_hash: str, community_id: int | None) -> int:
        with self._session() as s:
            row = s.exec(select(ProvenanceRow).where(ProvenanceRow.record_hash == record_hash)).one()
            if _file_under(s, row, community_id):
                s.commit()
            return row.id


def _file_under(s: Session, row: ProvenanceRow, community_id: int | None) -> bool:
    """Files a record under the community whose ledger will anchor it (the first claim wins)."""
    if community_id is None or row.community_id is not None:
        return False
    row.community_id = community_id
    s.add(row)
    s.flush()
    return True


def _stored(row: ProvenanceRow) -> StoredProvenance:
    return StoredProvenance(id=row.id, record_hash=row.record_hash, canonical=row.canonical,
                            community_id=row.community_id, anchor_id=row.anchor_id)


def _anchor(row: ProvenanceAnchorRow) -> Anchor:
    return Anchor(id=row.id, community_id=row.community_id, root=row.root, record_count=row.record_count)


class SqlProvenance:
    """Provenance records and anchors inside a unit of work (anchoring writes its outbox row too)."""

    def __init__(self, session: Session):
        self.session = session

    def _by_hash(self, record_hash: str) -> ProvenanceRow | None:
        return self.session.exec(select(ProvenanceRow).where(ProvenanceRow.record_hash == record_hash)).first()

    def get(self, provenance_id: int) -> StoredProvenance | None:
        row = self.session.get(ProvenanceRow, provenance_id)
        return _stored(row) if row else None

    def find(self, record_hash: str) -> StoredProvenance | None:
        row = self._by_hash(record_hash)
        return _stored(row) if row else None

    def claim(self, provenance_id: int, community_id: int) -> StoredProvenance | None:
        """Files a record under the community whose ledger will anchor it (first claim wins)."""
        row = self.session.get(ProvenanceRow, provenance_id)
        if row is not None:
            _file_under(self.session, row, community_id)
        return _stored(row) if row else None

    def unanchored(self, community_id: int, limit: int) -> list[StoredProvenance]:
        stmt = (select(ProvenanceRow).where(ProvenanceRow.community_id == community_id,
                                            col(ProvenanceRow.anchor_id).is_(None))
                .order_by(ProvenanceRow.id).limit(limit))
        return [_stored(r) for r in self.session.exec(stmt).all()]

    def add_anchor(self, community_id: int, root: str, record_ids: list[int], now: datetime) -> Anchor:
        anchor = ProvenanceAnchorRow(community_id=community_id, root=root, record_count=len(record_ids),
                                     created_at=now)
        self.session.add(anchor)
        self.session.flush()
        self.session.exec(update(ProvenanceRow).where(col(ProvenanceRow.id).in_(record_ids))
                          .values(anchor_id=anchor.id))
        return _anchor(anchor)

    def anchor(self, anchor_id: int) -> Anchor | None:
        row = self.session.get(ProvenanceAnchorRow, anchor_id)
        return _anchor(row) if row else None

    def members(self, anchor_id: int) -> list[StoredProvenance]:
        stmt = select(ProvenanceRow).where(ProvenanceRow.anchor_id == anchor_id)
        return [_stored(r) for r in self.session.exec(stmt).all()]

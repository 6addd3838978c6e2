"""The AI service's store (cache + provenance) and the unit of work's provenance repository."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from governance.adapters.sql.ai_tables import AiOutputRow, ProvenanceAnchorRow, ProvenanceRow
from governance.ai.provenance import ProvenanceRecord
from governance.ai.results import AiResult, result_from_json, result_to_json
from governance.ai.store import Anchor, CacheKey, StoredProvenance


def _provenance_row(record: ProvenanceRecord, now: datetime) -> ProvenanceRow:
    return ProvenanceRow(record_hash=record.record_hash, task=record.task,
                         canonical=record.canonical_json().decode("utf-8"), created_at=now)


class SqlAiRecordStore:
    """Implements governance.ai.store.AiRecordStore; called from the inference thread."""

    def __init__(self, engine):
        self.engine = engine

    def get_cached(self, key: CacheKey) -> AiResult | None:
        with Session(self.engine) as s:
            row = s.exec(select(AiOutputRow).where(
                AiOutputRow.input_hash == key.input_hash, AiOutputRow.template_hash == key.template_hash,
                AiOutputRow.model == key.model)).first()
            return result_from_json(row.result).as_cached() if row else None

    def save(self, key: CacheKey, result: AiResult) -> None:
        now = datetime.now(UTC)
        with Session(self.engine) as s:
            s.add(AiOutputRow(input_hash=key.input_hash, template_hash=key.template_hash, model=key.model,
                              task=result.task, result=result_to_json(result),
                              record_hash=result.provenance.record_hash, created_at=now))
            if not s.exec(select(ProvenanceRow.id).where(
                    ProvenanceRow.record_hash == result.provenance.record_hash)).first():
                s.add(_provenance_row(result.provenance, now))
            try:
                s.commit()
            except IntegrityError:
                s.rollback()  # another caller saved the same key first: the first save wins

    def add_provenance(self, record: ProvenanceRecord) -> None:
        with Session(self.engine) as s:
            s.add(_provenance_row(record, datetime.now(UTC)))
            try:
                s.commit()
            except IntegrityError:
                s.rollback()  # the identical record is stored already


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
        if row is not None and row.community_id is None:
            row.community_id = community_id
            self.session.add(row)
            self.session.flush()
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

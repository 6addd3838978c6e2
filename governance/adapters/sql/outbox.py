"""The outbox table's one writer: use cases add records in their unit of work; the relayer marks
them sent, confirmed or failed (through governance.adapters.chain.store), and a forgotten ledger
puts its records back to pending. Every write to `outbox` is a method here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from governance.adapters.sql import mapping
from governance.adapters.sql.chain_tables import ChainTxRow
from governance.adapters.sql.tables import OutboxRow
from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus, StaleRecord


class SqlOutbox:
    def __init__(self, session: Session):
        self.session = session

    # use cases: a change and its record commit together
    def add(self, record: OutboxRecord) -> None:
        self.add_many([record])

    def add_many(self, records: list[OutboxRecord]) -> None:
        if records:
            self.session.execute(insert(OutboxRow), [mapping.outbox_values(r) for r in records])

    def links(self, community_id: int) -> list[OutboxRecord]:
        stmt = (select(OutboxRow).where(OutboxRow.kind.in_([RecordKind.LINK.value, RecordKind.UNLINK.value]),
                                        OutboxRow.community_id == community_id)
                .order_by(OutboxRow.id))
        return [mapping.outbox_from_row(r) for r in self.session.exec(stmt).all()]

    def get(self, key: str) -> OutboxRecord | None:
        row = self.session.exec(select(OutboxRow).where(OutboxRow.key == key)).first()
        return mapping.outbox_from_row(row) if row else None

    def for_proposal(self, proposal_id: int) -> list[OutboxRecord]:
        stmt = select(OutboxRow).where(OutboxRow.proposal_id == proposal_id).order_by(OutboxRow.id)
        return [mapping.outbox_from_row(r) for r in self.session.exec(stmt).all()]

    def ballots(self, community_id: int, since: datetime) -> list[OutboxRecord]:
        stmt = (select(OutboxRow).where(OutboxRow.kind == RecordKind.BALLOT.value,
                                        OutboxRow.community_id == community_id, OutboxRow.created_at >= since)
                .order_by(OutboxRow.id))
        return [mapping.outbox_from_row(r) for r in self.session.exec(stmt).all()]

    def failed(self, limit: int) -> list[OutboxRecord]:
        stmt = (select(OutboxRow).where(OutboxRow.status == RecordStatus.FAILED.value)
                .order_by(OutboxRow.id).limit(limit))
        return [mapping.outbox_from_row(r) for r in self.session.exec(stmt).all()]

    # the relayer: where each record stands on its way to the chain. Every move is conditional on the
    # status the writer read: a row another writer moved meanwhile is never overwritten (StaleRecord).
    def mark(self, row_ids: list[int], status: RecordStatus, *, expected: RecordStatus,
             tx: ChainTxRow | None = None, error: str | None = None, now: datetime | None = None) -> None:
        values = dict(status=status.value, attempts=OutboxRow.attempts + 1, last_error=error)
        if tx is not None:
            values.update(tx_id=tx.id, tx_hash=tx.tx_hash, block_number=tx.block_number)
        if status is RecordStatus.CONFIRMED:
            values["confirmed_at"] = now
        self._move(row_ids, expected, values)

    def send_in(self, tx: ChainTxRow, row_ids: list[int]) -> None:
        """The rows travel in this signed transaction (stored in the same database transaction); each
        must still be pending."""
        self._move(row_ids, RecordStatus.PENDING, dict(status=RecordStatus.SENT.value, tx_id=tx.id,
                                                       tx_hash=tx.tx_hash, attempts=OutboxRow.attempts + 1))

    def retry_failed(self, row_ids: list[int] | None = None) -> int:
        """Failed records back to pending (`folkmoot chain retry`); all of them, or these. How many."""
        stmt = update(OutboxRow).where(OutboxRow.status == RecordStatus.FAILED.value)
        if row_ids is not None:
            stmt = stmt.where(col(OutboxRow.id).in_(row_ids))
        return self.session.exec(stmt.values(status=RecordStatus.PENDING.value, tx_id=None, tx_hash=None,
                                             block_number=None)).rowcount

    def _move(self, row_ids: list[int], expected: RecordStatus, values: dict) -> None:
        if not row_ids:
            return
        result = self.session.exec(update(OutboxRow).where(col(OutboxRow.id).in_(row_ids),
                                                           OutboxRow.status == expected.value).values(**values))
        if result.rowcount != len(set(row_ids)):
            raise StaleRecord(f"{len(set(row_ids)) - result.rowcount} of outbox records {sorted(set(row_ids))} "
                              f"were no longer {expected.value}: another relayer moved them; nothing written")

    def skip(self, row_id: int, tx: ChainTxRow, error: str) -> None:
        """Failed, and off the transaction that carried it: the chain skipped this one row of a batch."""
        self.session.exec(update(OutboxRow).where(OutboxRow.id == row_id).values(
            status=RecordStatus.FAILED.value, tx_id=None, tx_hash=tx.tx_hash, last_error=error))

    def unsend(self, tx: ChainTxRow, error: str) -> int:
        """Back to pending: the transaction that carried them was refused and dropped. Returns how many."""
        result = self.session.exec(update(OutboxRow).where(OutboxRow.tx_id == tx.id,
                                                           OutboxRow.status == RecordStatus.SENT.value).values(
            status=RecordStatus.PENDING.value, tx_id=None, tx_hash=None, last_error=error))
        return result.rowcount

    def resend_all(self, community_ids: list[int]) -> None:
        """Back to pending: the communities' ledgers are gone (a restarted embedded chain)."""
        self.session.exec(update(OutboxRow).where(col(OutboxRow.community_id).in_(community_ids))
                          .values(status=RecordStatus.PENDING.value, tx_id=None, tx_hash=None,
                                  block_number=None, confirmed_at=None))

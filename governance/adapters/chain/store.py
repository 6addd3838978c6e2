"""The relayer's and indexer's database reads and writes (chain tables and outbox rows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, bindparam, delete, func, insert, update
from sqlmodel import Session, col, select

from governance.adapters.chain.voter_ids import new_salt
from governance.adapters.sql.chain_tables import (
    ChainCursorRow,
    ChainTxRow,
    ChainVoterRow,
    LedgerDeploymentRow,
)
from governance.adapters.sql.outbox import SqlOutbox
from governance.adapters.sql.tables import OutboxRow, VoteRow
from governance.domain.outbox import RecordStatus

IN_FLIGHT = ("signed", "mined")


class ChainStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # outbox
    def pending_rows(self, limit: int) -> list[OutboxRow]:
        with self.session() as s:
            stmt = (select(OutboxRow).where(OutboxRow.status == RecordStatus.PENDING.value)
                    .order_by(OutboxRow.id).limit(limit))
            return list(s.exec(stmt).all())

    def oldest_pending(self) -> datetime | None:
        with self.session() as s:
            stmt = (select(OutboxRow.created_at).where(OutboxRow.status == RecordStatus.PENDING.value)
                    .order_by(OutboxRow.created_at).limit(1))
            return s.exec(stmt).first()

    def outbox_counts(self) -> dict[str, int]:
        with self.session() as s:
            stmt = select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
            return dict(s.exec(stmt).all())

    def mark_rows(self, row_ids: list[int], status: RecordStatus, *, expected: RecordStatus,
                  tx: ChainTxRow | None = None, error: str | None = None, now: datetime | None = None) -> None:
        """Moves rows from `expected` to `status`; StaleRecord (and nothing written) if one was not."""
        with self.session() as s:
            SqlOutbox(s).mark(row_ids, status, expected=expected, tx=tx, error=error, now=now)
            s.commit()

    def record_signed(self, tx: ChainTxRow, row_ids: list[int]) -> ChainTxRow:
        """Stores the signed transaction and ties its rows to it, in one transaction, before broadcast.
        StaleRecord if a row is no longer pending (another relayer took it): nothing is stored."""
        with self.session() as s:
            s.add(tx)
            s.flush()
            SqlOutbox(s).send_in(tx, row_ids)
            s.commit()
            return tx

    def settle_tx(self, tx: ChainTxRow, rows: RecordStatus, *, hook=lambda step: None, error: str | None = None,
                  now: datetime | None = None, **changes) -> tuple[ChainTxRow, int]:
        """The transaction's new state and its rows' (sent → `rows`), in one database transaction: a crash
        leaves both as they were or both done, never a confirmed transaction with rows still sent. Returns the
        transaction and how many rows moved."""
        with self.session() as s:
            row = s.get(ChainTxRow, tx.id)
            for name, value in changes.items():
                setattr(row, name, value)
            s.add(row)
            s.flush()
            ids = list(s.exec(select(OutboxRow.id).where(OutboxRow.tx_id == tx.id,
                                                         OutboxRow.status == RecordStatus.SENT.value)).all())
            SqlOutbox(s).mark(ids, rows, expected=RecordStatus.SENT, tx=row, error=error, now=now)
            hook("before_settle_commit")
            s.commit()
            return row, len(ids)

    def orphans(self) -> list[tuple[ChainTxRow, list[int]]]:
        """Rows still `sent` in a transaction that is already settled (what a crash between the two commits
        of an older version left): each such transaction and its rows."""
        with self.session() as s:
            stmt = (select(ChainTxRow, OutboxRow.id).join(OutboxRow, OutboxRow.tx_id == ChainTxRow.id)
                    .where(OutboxRow.status == RecordStatus.SENT.value,
                           col(ChainTxRow.status).in_(("confirmed", "reverted"))).order_by(OutboxRow.id))
            found: dict[int, tuple[ChainTxRow, list[int]]] = {}
            for tx, row_id in s.exec(stmt).all():
                found.setdefault(tx.id, (tx, []))[1].append(row_id)
            return list(found.values())

    def supersede(self, row_ids: list[int]) -> None:
        """Pending votes the member replaced by a later wallet ballot: never sent."""
        self.mark_rows(row_ids, RecordStatus.SUPERSEDED, expected=RecordStatus.PENDING,
                       error="replaced by a later wallet ballot before it was sent")

    def current_votes(self, proposal_id: int, voters: list[str]) -> dict[str, VoteRow]:
        with self.session() as s:
            stmt = select(VoteRow).where(VoteRow.proposal_id == proposal_id, col(VoteRow.voter).in_(voters))
            return {row.voter: row for row in s.exec(stmt).all()}

    def failed_rows(self, limit: int = 100) -> list[OutboxRow]:
        with self.session() as s:
            stmt = (select(OutboxRow).where(OutboxRow.status == RecordStatus.FAILED.value)
                    .order_by(OutboxRow.id).limit(limit))
            return list(s.exec(stmt).all())

    def retry_failed(self, row_ids: list[int] | None = None) -> int:
        with self.session() as s:
            count = SqlOutbox(s).retry_failed(row_ids)
            s.commit()
            return count

    def update_tx(self, tx: ChainTxRow, **changes) -> ChainTxRow:
        with self.session() as s:
            row = s.get(ChainTxRow, tx.id)
            for name, value in changes.items():
                setattr(row, name, value)
            s.add(row)
            s.commit()
            return row

    def drop_tx(self, tx: ChainTxRow, error: str) -> int:
        """Forgets a signed transaction that was never mined (its nonce is free again) and puts its rows
        back to pending, in one transaction. Returns how many rows."""
        with self.session() as s:
            count = SqlOutbox(s).unsend(tx, error)
            s.exec(delete(ChainTxRow).where(ChainTxRow.id == tx.id))
            s.commit()
            return count

    def in_flight(self) -> list[ChainTxRow]:
        with self.session() as s:
            stmt = select(ChainTxRow).where(col(ChainTxRow.status).in_(IN_FLIGHT)).order_by(ChainTxRow.nonce)
            return list(s.exec(stmt).all())

    def rows_of_tx(self, tx_id: int) -> list[OutboxRow]:
        with self.session() as s:
            return list(s.exec(select(OutboxRow).where(OutboxRow.tx_id == tx_id).order_by(OutboxRow.id)).all())

    def highest_nonce(self, sender: str) -> int | None:
        with self.session() as s:
            stmt = select(ChainTxRow.nonce).where(ChainTxRow.sender == sender).order_by(col(ChainTxRow.nonce).desc())
            return s.exec(stmt).first()

    # deployments and voters
    def deployment(self, community_id: int) -> LedgerDeploymentRow | None:
        with self.session() as s:
            return s.get(LedgerDeploymentRow, community_id)

    def deployments(self) -> list[LedgerDeploymentRow]:
        with self.session() as s:
            return list(s.exec(select(LedgerDeploymentRow)).all())

    def add_deployment(self, community_id: int, chain_id: int, genesis: str, address: str, block: int,
                       now: datetime) -> LedgerDeploymentRow:
        with self.session() as s:
            row = s.get(LedgerDeploymentRow, community_id)
            if row is None:
                row = LedgerDeploymentRow(community_id=community_id, chain_id=chain_id, genesis_hash=genesis,
                                          address=address, salt="0x" + new_salt().hex(),
                                          deployed_block=block, deployed_at=now)
                s.add(row)
                s.commit()
            return row

    def voters(self, community_id: int, voters: list[str]) -> dict[str, ChainVoterRow]:
        with self.session() as s:
            stmt = select(ChainVoterRow).where(ChainVoterRow.community_id == community_id,
                                               col(ChainVoterRow.voter).in_(voters))
            return {row.voter: row for row in s.exec(stmt).all()}

    def all_voters(self, community_id: int) -> list[ChainVoterRow]:
        with self.session() as s:
            stmt = select(ChainVoterRow).where(ChainVoterRow.community_id == community_id).order_by(
                ChainVoterRow.voter)
            return list(s.exec(stmt).all())

    def voter_by_index(self, community_id: int, index: int) -> ChainVoterRow | None:
        with self.session() as s:
            stmt = select(ChainVoterRow).where(ChainVoterRow.community_id == community_id,
                                               ChainVoterRow.voter_index == index)
            return s.exec(stmt).first()

    def add_voters(self, rows: list[ChainVoterRow]) -> None:
        """New voters (no index yet), in one statement."""
        if rows:
            with self.session() as s:
                s.exec(insert(ChainVoterRow), params=[
                    dict(community_id=r.community_id, voter=r.voter, voter_id=r.voter_id, voter_index=None)
                    for r in rows])
                s.commit()

    def set_voter_indices(self, community_id: int, indices: dict[str, int]) -> None:
        """voter_id → index, as the chain assigned them, in one executemany."""
        if indices:
            with self.session() as s:
                s.connection().execute(
                    update(ChainVoterRow.__table__)
                    .where(ChainVoterRow.__table__.c.community_id == bindparam("c"),
                           ChainVoterRow.__table__.c.voter_id == bindparam("v"))
                    .values(voter_index=bindparam("i")),
                    [{"c": community_id, "v": vid, "i": index} for vid, index in indices.items()])
                s.commit()

    # indexer cursor
    def cursor(self, address: str) -> int | None:
        with self.session() as s:
            row = s.get(ChainCursorRow, address)
            return row.block_number if row else None

    def set_cursor(self, address: str, block: int) -> None:
        with self.session() as s:
            s.merge(ChainCursorRow(address=address, block_number=block))
            s.commit()

"""Tables the chain adapter keeps: deployments, voter indices, signed transactions, indexer cursors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, ForeignKey, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from governance.adapters.sql.tables import _when


class LedgerDeploymentRow(SQLModel, table=True):
    """One ledger contract per community, on one chain (identified by its genesis block)."""

    __tablename__ = "ledger_deployment"

    community_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("community.id"), primary_key=True, autoincrement=False)
    )
    chain_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    genesis_hash: str = Field(max_length=66)
    address: str = Field(max_length=42)
    # The per-community secret behind pseudonymous voter ids: never leaves the database.
    salt: str = Field(max_length=66)
    deployed_block: int = Field(sa_column=Column(BigInteger, nullable=False))
    deployed_at: datetime = _when()


class ChainVoterRow(SQLModel, table=True):
    """A member's pseudonymous voter id in a community, and its on-chain index once registered."""

    __tablename__ = "chain_voter"
    __table_args__ = (UniqueConstraint("community_id", "voter_id"),)

    community_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    voter: str = Field(max_length=80, primary_key=True)
    voter_id: str = Field(max_length=66)
    voter_index: int | None = None


class ChainTxRow(SQLModel, table=True):
    """A signed transaction, stored before it is broadcast so a crash can only ever resend it."""

    __tablename__ = "chain_tx"
    __table_args__ = (UniqueConstraint("sender", "nonce"),)

    id: int | None = Field(default=None, primary_key=True)
    community_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    purpose: str = Field(max_length=40)
    sender: str = Field(max_length=42)
    nonce: int
    tx_hash: str = Field(max_length=66, unique=True)
    raw: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(max_length=10, index=True)  # signed | mined | confirmed | reverted
    block_number: int | None = Field(default=None, sa_column=Column(BigInteger))
    gas_used: int | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = _when()


class ChainCursorRow(SQLModel, table=True):
    """How far the indexer has read a ledger's events."""

    __tablename__ = "chain_cursor"

    address: str = Field(max_length=42, primary_key=True)
    block_number: int = Field(sa_column=Column(BigInteger, nullable=False))

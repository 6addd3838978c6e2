"""Tables for AI outputs (the cache) and their provenance records, batched into on-chain anchors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from governance.adapters.sql.tables import _when


class AiOutputRow(SQLModel, table=True):
    """A validated output, keyed so the same input is never generated twice by the same model."""

    __tablename__ = "ai_output"
    __table_args__ = (UniqueConstraint("input_hash", "template_hash", "model"),)

    id: int | None = Field(default=None, primary_key=True)
    input_hash: str = Field(max_length=66)
    template_hash: str = Field(max_length=66)
    model: str = Field(max_length=300)
    task: str = Field(max_length=20)
    result: str = Field(sa_column=Column(Text, nullable=False))  # result_to_json
    record_hash: str = Field(max_length=66)
    created_at: datetime = _when()


class ProvenanceRow(SQLModel, table=True):
    """What produced an AI output; its hash is a leaf of an anchored Merkle tree."""

    __tablename__ = "provenance"

    id: int | None = Field(default=None, primary_key=True)
    record_hash: str = Field(max_length=66, unique=True)
    task: str = Field(max_length=20)
    canonical: str = Field(sa_column=Column(Text, nullable=False))  # the exact hashed JSON
    community_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    anchor_id: int | None = Field(default=None, index=True)
    created_at: datetime = _when()


class ProvenanceAnchorRow(SQLModel, table=True):
    """A Merkle root over a community's provenance records, written on-chain through the outbox."""

    __tablename__ = "provenance_anchor"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    root: str = Field(max_length=66, unique=True)
    record_count: int
    created_at: datetime = _when()

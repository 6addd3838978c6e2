"""Database tables. Discord ids are 64-bit, hence BigInteger throughout."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from governance.adapters.sql.types import UTCDateTime


def _when(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class CommunityRow(SQLModel, table=True):
    __tablename__ = "community"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str = Field(max_length=100)
    voting_period_seconds: int
    quorum_kind: str = Field(max_length=10)
    quorum_value: int
    threshold_bps: int
    eligible_role_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    proposer_role_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    digest_channel_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    digest_cron: str = Field(max_length=100)
    timezone: str = Field(max_length=64)


class ProposalRow(SQLModel, table=True):
    __tablename__ = "proposal"
    __table_args__ = (
        Index("ix_proposal_community_state", "community_id", "state"),
        Index("ix_proposal_state_deadline", "state", "deadline"),
    )

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("community.id"), nullable=False)
    )
    author: str = Field(max_length=80)
    state: str = Field(max_length=12)
    created_at: datetime = _when()
    published_at: datetime | None = _when(nullable=True)
    deadline: datetime | None = _when(nullable=True)
    eligible_count: int | None = None
    quorum_required: int | None = None
    threshold_bps: int | None = None
    eligible_role_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    closed_at: datetime | None = _when(nullable=True)
    outcome: str | None = Field(default=None, max_length=12)
    final_for: int | None = None
    final_against: int | None = None
    final_abstain: int | None = None


class RevisionRow(SQLModel, table=True):
    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("proposal_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    number: int
    title: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=66)
    author: str = Field(max_length=80)
    created_at: datetime = _when()
    provenance_id: int | None = None


class VoteRow(SQLModel, table=True):
    __tablename__ = "vote"
    __table_args__ = (
        UniqueConstraint("proposal_id", "voter", name="uq_vote_proposal_voter"),
        Index("ix_vote_proposal_support", "proposal_id", "support"),
    )

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id")
    voter: str = Field(max_length=80)
    support: int
    reason: str | None = Field(default=None, sa_column=Column(Text))
    cast_at: datetime = _when()
    changes: int = 0
    source: str = Field(max_length=10)


class OutboxRow(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_id", "status", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=160, unique=True)
    kind: str = Field(max_length=12)
    community_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    proposal_id: int | None = Field(default=None, index=True)
    payload: dict = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(max_length=10)
    attempts: int = 0
    created_at: datetime = _when()
    tx_id: int | None = Field(default=None, index=True)  # the chain_tx that carries it
    tx_hash: str | None = Field(default=None, max_length=66)
    block_number: int | None = Field(default=None, sa_column=Column(BigInteger))
    confirmed_at: datetime | None = _when(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))


class AuditRow(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    actor: str = Field(max_length=80)
    action: str = Field(max_length=40)
    detail: dict = Field(sa_column=Column(JSON, nullable=False))
    at: datetime = _when()


class AnnouncementRow(SQLModel, table=True):
    """The message that announced a published proposal (its vote buttons live there)."""

    __tablename__ = "announcement"

    proposal_id: int = Field(
        sa_column=Column(ForeignKey("proposal.id"), primary_key=True, autoincrement=False)
    )
    channel_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    posted_at: datetime = _when()


class UsedLinkRow(SQLModel, table=True):
    """A one-time link to the wallet page, recorded when it is used: the primary key makes it single use."""

    __tablename__ = "used_link"

    token_id: str = Field(primary_key=True, max_length=40)
    community_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    member: str = Field(max_length=80)
    purpose: str = Field(max_length=12)
    used_at: datetime = _when()

"""Tables of a followed Governor: the attachment, its indexed proposals, votes and lifecycle events,
and the block hashes the indexer keeps to notice a reorg. uint256 values (proposal ids, weights,
thresholds) are decimal strings: they do not fit a BIGINT."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel

from governance.adapters.sql.tables import _when

UINT256 = 78  # decimal digits of 2**256 - 1


def _big(nullable: bool = False, **kwargs) -> Any:
    return Field(default=None, sa_column=Column(BigInteger, nullable=nullable, **kwargs))


class FollowedGovernorRow(SQLModel, table=True):
    """A community follows one Governor on one chain; what it exposed when attached."""

    __tablename__ = "governor"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(sa_column=Column(BigInteger, ForeignKey("community.id"), nullable=False, unique=True))
    chain_id: int = _big()
    genesis_hash: str = Field(max_length=66)
    address: str = Field(max_length=42)
    kind: str = Field(max_length=20)  # "openzeppelin-5" | "openzeppelin-4"
    name: str = Field(max_length=200)
    version: str | None = Field(default=None, max_length=40)
    token_address: str = Field(max_length=42)
    token_name: str = Field(max_length=200)
    token_symbol: str = Field(max_length=40)
    token_decimals: int
    clock_mode: str = Field(max_length=20)  # "blocknumber" | "timestamp"
    timelock_address: str | None = Field(default=None, max_length=42)
    timelock_delay: int | None = _big(nullable=True)
    voting_delay: int = _big()
    voting_period: int = _big()
    proposal_threshold: str = Field(max_length=UINT256)
    counting_mode: str = Field(max_length=200)
    ballot_typehash: str = Field(max_length=66)
    eip712_domain: dict | None = Field(default=None, sa_column=Column(JSON))
    start_block: int = _big()
    cursor_block: int = _big()  # every event up to this block is stored
    attached_at: datetime = _when()
    channel_id: int | None = _big(nullable=True)  # where proposals are announced (None: the digest channel)


class GovernorBlockRow(SQLModel, table=True):
    """Hashes of recent indexed blocks: if one changes, the chain reorganised under the index."""

    __tablename__ = "governor_block"

    governor_id: int = Field(sa_column=Column(ForeignKey("governor.id"), primary_key=True, autoincrement=False))
    number: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    hash: str = Field(max_length=66)


class GovernorProposalRow(SQLModel, table=True):
    __tablename__ = "governor_proposal"
    __table_args__ = (Index("ix_governor_proposal_created", "governor_id", "block_number"),
                      Index("uq_governor_proposal_number", "governor_id", "number", unique=True))

    governor_id: int = Field(sa_column=Column(ForeignKey("governor.id"), primary_key=True, autoincrement=False))
    proposal_id: str = Field(max_length=UINT256, primary_key=True)
    number: int = _big()  # how members name it (#3): 1, 2, 3… in the order the Governor created them
    proposer: str = Field(max_length=42)
    targets: list = Field(sa_column=Column(JSON, nullable=False))
    values: list = Field(sa_column=Column(JSON, nullable=False))  # wei, decimal strings
    calldatas: list = Field(sa_column=Column(JSON, nullable=False))  # 0x-hex
    signatures: list = Field(sa_column=Column(JSON, nullable=False))  # Bravo-style; empty strings on OpenZeppelin
    description: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # exactly as emitted
    description_hash: str = Field(max_length=66)
    id_matches: bool  # hashProposal recomputed here equals the event's id
    vote_start: int = _big()  # timepoints in the token's clock
    vote_end: int = _big()
    decoded_calls: list = Field(sa_column=Column(JSON, nullable=False))
    findings: list = Field(sa_column=Column(JSON, nullable=False))
    block_number: int = _big()
    log_index: int
    tx_hash: str = Field(max_length=66)
    created_at: datetime = _when()


class GovernorVoteRow(SQLModel, table=True):
    __tablename__ = "governor_vote"
    __table_args__ = (Index("ix_governor_vote_proposal", "governor_id", "proposal_id"),)

    governor_id: int = Field(sa_column=Column(ForeignKey("governor.id"), primary_key=True, autoincrement=False))
    block_number: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    log_index: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    proposal_id: str = Field(max_length=UINT256)
    voter: str = Field(max_length=42)
    support: int
    weight: str = Field(max_length=UINT256)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    params: str | None = Field(default=None, sa_column=Column(Text))  # 0x-hex, VoteCastWithParams only
    tx_hash: str = Field(max_length=66)
    cast_at: datetime = _when()


class GovernorEventRow(SQLModel, table=True):
    """A proposal's lifecycle on-chain: created, queued (with its ETA), executed, canceled."""

    __tablename__ = "governor_event"
    __table_args__ = (Index("ix_governor_event_at", "governor_id", "at"),)

    governor_id: int = Field(sa_column=Column(ForeignKey("governor.id"), primary_key=True, autoincrement=False))
    block_number: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    log_index: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    proposal_id: str = Field(max_length=UINT256)
    kind: str = Field(max_length=10)
    eta: int | None = _big(nullable=True)  # queued: the timelock's ETA (seconds)
    tx_hash: str = Field(max_length=66)
    at: datetime = _when()


class GovernorAnnouncementRow(SQLModel, table=True):
    """Where a Governor proposal was announced, and what the announcement showed: its updates
    (queued, executed, canceled, quorum reached) are replies to that message."""

    __tablename__ = "governor_announcement"

    governor_id: int = Field(sa_column=Column(ForeignKey("governor.id"), primary_key=True, autoincrement=False))
    proposal_id: str = Field(max_length=UINT256, primary_key=True)
    channel_id: int = _big()
    message_id: int = _big()
    state: str = Field(max_length=10)  # the state the announcement showed
    quorum_reached: bool  # whether it showed the quorum reached
    posted_at: datetime = _when()

"""Outbox records: on-chain writes waiting for the relayer.

A use case adds its record in the same database transaction as the change it
describes, so a change is never committed without its pending chain write.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class RecordKind(str, enum.Enum):
    REVISION = "revision"  # a draft revision's content hash
    OPEN = "open"  # voting opened: final hash, deadline, rules
    VOTE = "vote"  # a vote cast or changed
    CLOSE = "close"  # voting closed: outcome
    WITHDRAW = "withdraw"
    ANCHOR = "anchor"  # Merkle root of AI provenance records
    LINK = "link"  # a wallet linked to a voter, so its signed ballots count as theirs
    BALLOT = "ballot"  # a wallet's signed ballot from the wallet page, relayed in castVotesBySig batches
    UNLINK = "unlink"  # that link undone: the member unlinked it, lost the voter role or left


class RecordStatus(str, enum.Enum):
    PENDING = "pending"
    SENT = "sent"  # in a transaction that is not yet confirmed
    CONFIRMED = "confirmed"
    FAILED = "failed"  # the chain refused it; needs an operator (see `folkmoot chain status`)
    SUPERSEDED = "superseded"  # a vote the member replaced by a later wallet ballot before it was sent


class StaleRecord(Exception):
    """A record was not in the status a writer expected: another writer moved it first (two relayers,
    or a batch built before a newer one). The write is abandoned, nothing half-done."""


@dataclass
class OutboxRecord:
    kind: RecordKind
    key: str  # unique: the same change never enters the outbox twice
    payload: dict[str, Any]
    created_at: datetime
    community_id: int | None = None
    id: int | None = None
    status: RecordStatus = RecordStatus.PENDING
    attempts: int = 0
    tx_hash: str | None = None
    block_number: int | None = None
    confirmed_at: datetime | None = None
    last_error: str | None = None

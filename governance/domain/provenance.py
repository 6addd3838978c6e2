"""AI provenance records as stored, and the Merkle anchors that batch them on-chain."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoredProvenance:
    """A provenance record as stored: the exact canonical JSON whose keccak is its hash."""

    id: int
    record_hash: str
    canonical: str
    community_id: int | None
    anchor_id: int | None


@dataclass(frozen=True)
class Anchor:
    """A Merkle root over one community's provenance records, written to its ledger."""

    id: int
    community_id: int
    root: str
    record_count: int

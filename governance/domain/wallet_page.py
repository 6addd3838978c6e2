"""The wallet page's values: who a one-time link lets in and for what, a ballot a wallet signed on
the page, and the limits on what the recorder relays for members."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

LINK_LIFETIME = timedelta(minutes=15)


class LinkPurpose(str, enum.Enum):
    LINK = "link"  # /wallet: sign in with Ethereum, linking the wallet to the member's vote
    VOTE = "vote"  # "Vote with wallet": sign one proposal's ballot (linking first if needed)


@dataclass(frozen=True)
class LinkGrant:
    """What a one-time link lets its holder do: act as `member` (with the roles Discord gave them when the
    link was made) in `community_id`, for `purpose`, until `expires_at`; `token_id` makes it single use."""

    token_id: str
    community_id: int
    member: str  # the actor id, "discord:<member id>" or "cli:<name>"
    role_ids: frozenset[int]
    is_admin: bool
    purpose: LinkPurpose
    proposal_id: int | None
    expires_at: datetime


@dataclass(frozen=True)
class RelayLimits:
    """What the community's recorder relays for free: per member per hour, per community per day."""

    per_member_per_hour: int = 10
    daily_budget: int = 2_000


@dataclass(frozen=True)
class PageBallot:
    """A ballot as the page sends it: the EIP-712 `Ballot` fields, the wallet's signature, the chain the
    wallet was on, and the member's reason (kept off-chain)."""

    proposal_id: int
    wallet: str
    support: int
    nonce: int
    deadline: int
    signature: str  # 0x hex
    chain_id: int
    reason: str | None = None


@dataclass(frozen=True)
class BallotDomain:
    """Where a community's ballots are signed for: the chain and the ledger contract (EIP-712 domain)."""

    chain_id: int
    ledger: str


@dataclass(frozen=True)
class QueuedBallot:
    key: str  # the outbox key: the receipt page follows it
    proposal_id: int
    wallet: str
    support: int
    queued_at: datetime


@dataclass(frozen=True)
class PageSettings:
    """The wallet page as configured: its public URL, the key of its links (never sent anywhere), the limits."""

    url: str | None = None
    key: bytes | None = None
    limits: RelayLimits = RelayLimits()

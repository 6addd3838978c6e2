"""What a followed Governor shows: proposals with their window and state, token-weighted tallies,
the execution watchdog's actions and the changes a digest reports. Engine-neutral shapes: the
Discord side renders these, the Governor adapter fills them (its kinds and clocks stay there)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from governance.domain.governor.calls import TokenInfo
from governance.domain.governor.findings import Finding

# OpenZeppelin's ProposalState, in its order (4.x and 5.x alike)
STATES = ("pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed")
SUPPORT = ("against", "for", "abstain")


@dataclass(frozen=True)
class GovernorInfo:
    community_id: int
    address: str
    chain_id: int
    kind: str  # "OpenZeppelin Governor 5.x"
    name: str
    token: TokenInfo
    clock: str  # "blocknumber" | "timestamp"
    timelock: str | None
    timelock_delay: int | None  # seconds
    voting_delay: int  # in the clock's units
    voting_period: int
    proposal_threshold: int  # token base units
    counting_mode: str
    start_block: int
    indexed_to: int  # every event up to this block is stored
    channel_id: int | None = None  # where its proposals are announced (None: the digest channel)
    attached_at: datetime | None = None


@dataclass(frozen=True)
class VotingWindow:
    start_timepoint: int  # the snapshot: voting power is counted here
    end_timepoint: int  # the last timepoint voting is open
    clock: str
    starts_at: datetime
    ends_at: datetime
    estimated: bool  # the end is a future block: its time is an estimate from recent block times
    starts_estimated: bool = False  # so is the start (voting has not opened yet)

    @property
    def blocks(self) -> tuple[int, int] | None:
        return (self.start_timepoint, self.end_timepoint) if self.clock == "blocknumber" else None


@dataclass(frozen=True)
class ExactCall:
    """A transaction anyone may send: the watchdog's "do this now"."""

    contract: str
    function: str  # "queue(address[],uint256[],bytes[],bytes32)"
    args: dict  # name → JSON-ready value
    value: int = 0  # wei to attach
    calldata: str = "0x"  # the whole call encoded, for a wallet or a Safe's transaction builder


@dataclass(frozen=True)
class GovernorProposal:
    proposal_id: str
    title: str
    description: str
    proposer: str
    state: str  # one of STATES
    window: VotingWindow
    calls: list[dict]  # decoded, JSON-ready (see calls.call_as_dict)
    findings: list[Finding]
    created_at: datetime
    eta: datetime | None = None  # queued: when the timelock lets it execute
    expires_at: datetime | None = None  # queued on a timelock with a grace period
    next_call: ExactCall | None = None  # succeeded: queue (or execute); queued: execute
    id_matches: bool = True
    number: int = 0  # its short number in the community (#3), in the order the Governor created them


@dataclass(frozen=True)
class TokenTally:
    token: TokenInfo
    for_votes: int
    against_votes: int
    abstain_votes: int
    quorum: int | None  # quorum(snapshot); None before the snapshot is final
    supply_at_snapshot: int | None  # total voting supply at the snapshot, for turnout
    voters: int  # distinct voters indexed
    counts_toward_quorum: tuple[str, ...] = ("for", "abstain")

    @property
    def total(self) -> int:
        return self.for_votes + self.against_votes + self.abstain_votes

    @property
    def toward_quorum(self) -> int:
        by = {"for": self.for_votes, "against": self.against_votes, "abstain": self.abstain_votes}
        return sum(by[k] for k in self.counts_toward_quorum)

    @property
    def quorum_reached(self) -> bool | None:
        return None if self.quorum is None else self.toward_quorum >= self.quorum

    @property
    def turnout(self) -> Decimal | None:
        """Share of the voting supply at the snapshot that voted (0..1)."""
        if not self.supply_at_snapshot:
            return None
        return Decimal(self.total) / Decimal(self.supply_at_snapshot)

    def shown(self, amount: int) -> str:
        return self.token.describe(amount)


@dataclass(frozen=True)
class PendingAction:
    proposal_id: str
    title: str
    action: str  # "queue" | "execute" | "expiring"
    call: ExactCall | None
    due_at: datetime | None  # from when it can be done (execute: the ETA); expiring: when it expires
    note: str
    number: int = 0  # the proposal's short number in the community


@dataclass(frozen=True)
class GovernorChange:
    at: datetime
    kind: str  # "proposal_created" | "big_vote" | "quorum_reached" | "queued" | "executed" | "canceled"
    proposal_id: str
    title: str
    detail: str
    voter: str | None = None
    weight: int | None = None
    extra: dict = field(default_factory=dict)
    number: int = 0  # the proposal's short number in the community


@dataclass
class SyncResult:
    """What one pass of indexing a Governor did."""

    ranges: int = 0
    proposals: int = 0
    votes: int = 0
    events: int = 0
    rolled_back: int = 0  # rows forgotten because a reorg replaced their blocks
    cursor: int = 0
    head: int = 0


@dataclass(frozen=True)
class GovernorAnnouncement:
    """Where a Governor proposal was announced, and what the announcement showed."""

    proposal_id: str
    channel_id: int
    message_id: int
    state: str
    quorum_reached: bool
    posted_at: datetime


@dataclass(frozen=True)
class IndexCheck:
    """One item of verifying the index against the Governor."""

    name: str
    ok: bool
    detail: str
    pending: bool = False  # not a mismatch: not read yet

"""Ports: the interfaces the core needs from the outside world.

Adapters in `governance.adapters` implement them; `governance.bootstrap` picks
which. Tests swap in fakes there, never by patching modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterable

    from governance.domain import Community, Proposal, ProposalState, Tally, Vote
    from governance.domain.announcements import Announcement
    from governance.domain.engines import ProposalHeading
    from governance.domain.governor.delegation import (
        BallotToRelay,
        DelegationDomain,
        RelayedBallot,
        RelayedDelegation,
        SignedDelegation,
    )
    from governance.domain.governor.power import PowerReading
    from governance.domain.governor.views import (
        GovernorAnnouncement,
        GovernorChange,
        GovernorInfo,
        GovernorProposal,
        IndexCheck,
        SyncResult,
        TokenTally,
    )
    from governance.domain.outbox import OutboxRecord
    from governance.domain.provenance import Anchor, StoredProvenance
    from governance.domain.scheduled_runs import RunKey, RunStatus
    from governance.domain.wallet_page import BallotDomain, PageBallot
    from governance.errors import InvalidInput


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""


# ---------------------------------------------------------------- persistence


class CommunityRepository(Protocol):
    def get(self, community_id: int) -> Community | None: ...
    def add(self, community: Community) -> None: ...
    def save(self, community: Community) -> None: ...
    def list(self) -> list[Community]: ...


class ProposalRepository(Protocol):
    def get(self, proposal_id: int, with_revisions: bool = True) -> Proposal | None:
        """with_revisions=False skips the texts (voting needs only the rules and deadline)."""
    def get_for_update(self, proposal_id: int) -> Proposal | None:
        """Like get, but locks the row until commit (PostgreSQL) so two closes serialise."""
    def add(self, proposal: Proposal) -> None:
        """Inserts the proposal and its revisions; sets proposal.id."""
    def save(self, proposal: Proposal) -> None:
        """Writes state changes and any revisions not yet stored."""
    def list(
        self, community_id: int | None = None, states: tuple[ProposalState, ...] = (), limit: int = 100
    ) -> list[Proposal]: ...
    def due_for_closing(self, now: datetime) -> list[int]: ...


class VoteRepository(Protocol):
    def get(self, proposal_id: int, voter: str, lock: bool = False) -> Vote | None:
        """lock=True holds the voter's row until commit, so changes by one voter serialise."""
    def get_many(self, proposal_id: int, voters: list[str], lock: bool = False) -> dict[str, Vote]: ...
    def put(self, vote: Vote) -> None:
        """Inserts or replaces the voter's vote on the proposal."""
    def put_many(self, votes: list[Vote]) -> None:
        """put() for many votes at once; each voter's row must have been read by get_many first."""
    def tally(self, proposal_id: int) -> Tally: ...
    def tallies(self, proposal_ids: list[int]) -> dict[int, Tally]:
        """Many tallies in one query."""
    def voters(self, proposal_id: int) -> set[str]: ...
    def list(self, proposal_id: int) -> list[Vote]: ...


class OutboxRepository(Protocol):
    def add(self, record: OutboxRecord) -> None: ...
    def add_many(self, records: list[OutboxRecord]) -> None: ...
    def links(self, community_id: int) -> list[OutboxRecord]:
        """The community's wallet links and unlinks (RecordKind.LINK, UNLINK), oldest first."""
    def get(self, key: str) -> OutboxRecord | None: ...
    def for_proposal(self, proposal_id: int) -> list[OutboxRecord]: ...
    def failed(self, limit: int) -> list[OutboxRecord]:
        """Records the chain refused, oldest first, each with the reason it gave."""
    def retry_failed(self, row_ids: list[int] | None = None) -> int:
        """Failed records (all, or these) back to pending; how many."""
    def ballots(self, community_id: int, since: datetime) -> list[OutboxRecord]:
        """The community's wallet-page ballots (RecordKind.BALLOT) queued since `since`, oldest first."""


class UsedLinks(Protocol):
    """One-time links to the wallet page that were used (each works once)."""

    def redeem(self, token_id: str, community_id: int, member: str, purpose: str, at: datetime) -> bool:
        """Records the link's use: True the first time, False if it was used before."""


class ProvenanceRepository(Protocol):
    """AI provenance records and their anchors."""

    def get(self, provenance_id: int) -> StoredProvenance | None: ...
    def find(self, record_hash: str) -> StoredProvenance | None: ...
    def claim(self, provenance_id: int, community_id: int) -> StoredProvenance | None:
        """Files a record under the community whose ledger anchors it; returns it (or None)."""
    def unanchored(self, community_id: int, limit: int) -> list[StoredProvenance]: ...
    def add_anchor(self, community_id: int, root: str, record_ids: list[int], now: datetime) -> Anchor: ...
    def anchor(self, anchor_id: int) -> Anchor | None: ...
    def members(self, anchor_id: int) -> list[StoredProvenance]: ...


class AnnouncementRepository(Protocol):
    def put(self, announcement: Announcement) -> None: ...
    def get(self, proposal_id: int) -> Announcement | None: ...


class AuditLog(Protocol):
    def add(self, community_id: int, actor: str, action: str, detail: dict[str, Any], at: datetime) -> None: ...


class RunLedger(Protocol):
    """The scheduler's record of every post (see governance.domain.scheduled_runs)."""

    def claim(self, key: RunKey, now: datetime, by: str, status: RunStatus | None = None,
              detail: str | None = None) -> bool:
        """Records the run (CLAIMED unless told otherwise): True if this call did, False if someone
        already had. `by` names the instance that claims it."""
    def finish(self, key: RunKey, status: RunStatus, now: datetime, detail: str | None = None) -> None: ...
    def latest(self, community_id: int, kind: str, statuses: Iterable[RunStatus] = (),
               subject: str | None = None) -> datetime | None:
        """The newest scheduled time recorded for the community and kind (optionally narrowed)."""
    def recorded_subjects(self, kind: str, subjects: list[str]) -> set[str]:
        """Which of these subjects have a run of this kind already."""
    def closed_without_result(self, since: datetime) -> list[int]:
        """Proposals closed since `since` whose result no instance has announced yet."""


class ReminderOptIns(Protocol):
    """Members who asked for a direct message before deadlines they have not voted on yet."""

    def opt_in(self, community_id: int, member_id: int, now: datetime) -> None: ...
    def opt_out(self, community_id: int, member_id: int) -> None: ...
    def members(self, community_id: int) -> set[int]: ...


class UnitOfWork(Protocol):
    """One transaction: everything a use case wrote commits together or not at all."""

    communities: CommunityRepository
    proposals: ProposalRepository
    votes: VoteRepository
    outbox: OutboxRepository
    audit: AuditLog
    provenance: ProvenanceRepository
    announcements: AnnouncementRepository
    runs: RunLedger
    reminder_opt_ins: ReminderOptIns
    used_links: UsedLinks

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None:
        """Rolls back whatever was not committed."""
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


# ---------------------------------------------------------------- ledger (reads; writes go through the outbox)


@dataclass(frozen=True)
class OnChainProposal:
    content_hash: str
    deadline: int  # last second at which the chain accepts votes
    quorum: int
    threshold_bps: int
    outcome: str | None  # "passed" | "rejected" | "no_quorum" | "withdrawn"; None while open
    tally: Tally


class LedgerReader(Protocol):
    """What anyone can read back from the chain, keyed the way the database keys it."""

    def location(self, community_id: int) -> str | None:
        """Where the community's ledger lives ("0x… on chain 1"), or None if not deployed."""
    def revision(self, community_id: int, proposal_id: int, number: int) -> tuple[str, str | None] | None:
        """(content hash, provenance hash or None) of a recorded revision, or None."""
    def proposal(self, community_id: int, proposal_id: int) -> OnChainProposal | None: ...
    def ballots(self, community_id: int, proposal_id: int, voters: list[str]) -> dict[str, int | None]:
        """Each voter's support on-chain (0–2), or None if the chain has no vote from them."""
    def anchored_at(self, community_id: int, root: str) -> int | None:
        """When a provenance root was anchored (unix time), or None."""
    def provenance_included(self, community_id: int, root: str, leaf: bytes, proof: list[bytes]) -> bool: ...
    def read_past(self, community_id: int, moment: datetime) -> bool:
        """True once every wallet ballot the chain took before `moment` is in the database: the indexer
        has read a block at or after it (or no later ballot can come). False while unsure, the node
        unreachable included: a vote closes only after this (DESIGN.md, one truth for a vote)."""


class ChainUnavailable(Exception):
    """The node did not answer, or a transaction is not mined yet; the relayer retries later.
    str() is one line without secrets (no URL path or query)."""


class ChainRefused(ChainUnavailable):
    """The node or the ledger refuses the recorder's transactions (a key that cannot pay for gas, a
    key without the recorder role): the records wait, unchanged, until the operator acts."""


@dataclass(frozen=True)
class LedgerDeployment:
    community_id: int
    address: str
    chain_id: int
    deployed_block: int


class RelayReport(Protocol):
    """What one relayer pass did."""

    @property
    def sent(self) -> int: ...  # transactions broadcast
    @property
    def confirmed(self) -> int: ...  # outbox records confirmed
    @property
    def reconciled(self) -> int: ...  # records found already on-chain
    @property
    def failed(self) -> int: ...
    @property
    def blocked(self) -> str | None: ...  # why the pass stopped early, if it did
    @property
    def deployed(self) -> list[LedgerDeployment]: ...  # ledgers this pass deployed
    @property
    def dropped(self) -> list[str]: ...  # what this pass did with transactions the node refused


class Chain(LedgerReader, Protocol):
    """The chain as the application drives it: it reads the ledger back (LedgerReader), relays
    the outbox to it, reads back what others submitted, deploys ledgers and checks wallet proofs.
    Every method that talks to the node may raise ChainUnavailable."""

    @property
    def description(self) -> str:
        """Where the records go, e.g. "embedded py-evm (in memory)"."""
    @property
    def embedded(self) -> bool:
        """True for the in-process chain, whose records vanish when the process exits."""
    def sync(self) -> None:
        """Relay what is pending, then read back what others submitted (the background loop)."""
    def relay(self) -> RelayReport: ...
    def read_signed_ballots(self) -> int:
        """Records the wallet ballots the chain accepted since the last look; returns how many."""
    def deploy(self, community_id: int) -> LedgerDeployment:
        """The community's ledger, deployed now if it was not yet."""
    def deployments(self) -> list[LedgerDeployment]: ...
    def outbox_counts(self) -> dict[str, int]:
        """Outbox records by status (pending, sent, confirmed, failed)."""
    def proves_wallet(self, community_id: int, voter: str, wallet: str, signature: str) -> bool:
        """True if `signature` over the link message comes from `wallet` (an EOA or an ERC-1271
        contract wallet)."""
    def vote_transaction(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        """The hash of the confirmed transaction that recorded that vote (its `sequence`-th change)."""
    def audit_material(self, community_id: int) -> dict | None:
        """What an auditor needs beside the chain: the ledger, the community's secret salt and each
        voter's id and index; None when the community has no ledger yet."""
    def follow_clock(self, timestamp: int) -> None:
        """Embedded chain only: the next block carries at least `timestamp` (a demo's manual clock)."""

    # the wallet page
    def ballot_domain(self, community_id: int) -> BallotDomain | None:
        """The chain id and ledger a community's ballots are signed for; None before its ledger is deployed."""
    def wallet_nonce(self, community_id: int, wallet: str) -> int:
        """The wallet's next ballot nonce on the community's ledger."""
    def ballot_signed(self, community_id: int, ballot: PageBallot) -> bool:
        """True if the ballot's signature is the wallet's (its key, or an ERC-1271 wallet's approval)."""
    def ballot_typed_data(self, community_id: int, ballot: PageBallot) -> dict:
        """The EIP-712 document (JSON) the wallet signs for this ballot (`eth_signTypedData_v4`)."""
    def sign_in_message(self, *, domain: str, uri: str, address: str, chain_id: int, nonce: str,
                        issued_at: datetime, expires_at: datetime) -> str:
        """A Sign-In with Ethereum (EIP-4361) message for the wallet to sign."""
    def sign_in_wallet(self, message: str, signature: str, *, domain: str, uri: str, chain_id: int, nonce: str,
                       now: datetime, max_age_seconds: int) -> str:
        """The wallet that signed the EIP-4361 message, every field checked; InvalidInput saying why not."""


# ---------------------------------------------------------------- followed Governors


class FollowedGovernors(Protocol):
    """Existing on-chain Governors that communities follow (one each): attach, index, and read what
    the Governor holds. The adapter (governance.adapters.governor.follower) keeps Governor kinds,
    ballot type hashes and token clocks to itself. Reads of the chain raise Unavailable when the
    node cannot be reached; a reference it does not know raises NotFound."""

    def attach(self, community_id: int, address: str, from_block: int | None = None,
               expect_chain_id: int | None = None) -> GovernorInfo: ...
    def sync(self, community_id: int | None = None, max_ranges: int | None = None,
             range_size: int | None = None) -> dict[int, SyncResult]:
        """Index new events of every followed Governor (or one community's), up to `max_ranges`
        block ranges each."""
    def following(self) -> list[int]:
        """The communities that follow a Governor."""
    def follows(self, community_id: int) -> bool: ...
    def info(self, community_id: int) -> GovernorInfo: ...
    def proposals(self, community_id: int, limit: int = 25, open_only: bool = False) -> list[GovernorProposal]:
        """Newest first; open_only: those still pending or active."""
    def proposal(self, community_id: int, reference: str | int) -> GovernorProposal:
        """By its number in the community ("3", "#3") or the Governor's id."""
    def headings(self, community_id: int, limit: int = 200, open_only: bool = False) -> list[ProposalHeading]:
        """Newest first, from the index (one read of the chain's head): for autocomplete."""
    def tally(self, community_id: int, reference: str) -> TokenTally:
        """proposalVotes now, quorum and voting supply at the snapshot (by number or id)."""
    def verify(self, community_id: int, proposal_id: str) -> list[IndexCheck]:
        """The index compared with what the Governor holds, item by item."""
    def changes_since(self, community_id: int, since: datetime, big_vote_share: float = 0.1
                      ) -> list[GovernorChange]: ...
    def lifecycle(self, community_id: int, proposal_id: str) -> list[GovernorChange]:
        """The proposal's indexed events after its creation: queued (with the ETA), executed, canceled."""
    def set_channel(self, community_id: int, channel_id: int | None) -> GovernorInfo:
        """Where its proposals are announced (None: the community's digest channel)."""
    def record_announcement(self, community_id: int, announcement: GovernorAnnouncement) -> None: ...
    def announcement(self, community_id: int, proposal_id: str) -> GovernorAnnouncement | None: ...
    def voting_power(self, community_id: int, wallet: str, reference: str | int | None = None) -> PowerReading:
        """A wallet's voting power on a proposal (None: the latest active one, else the newest) and the
        facts behind it: balance and delegate then and now, hasVoted, its delegate's vote."""
    def delegation_domain(self, community_id: int, delegator: str) -> DelegationDomain:
        """What a holder signs a Delegation for: the token's EIP-712 domain and their next nonce."""
    def relay_delegation(self, community_id: int, signed: SignedDelegation) -> RelayedDelegation:
        """Checks the signature against the token's domain (InvalidInput with the reason), then sends
        delegateBySig from the recorder key and waits for its receipt."""
    def ballot_typed_data(self, community_id: int, reference: str | int, voter: str, support: int,
                          reason: str | None = None) -> dict:
        """The Governor's own EIP-712 ballot for `voter` (eth_signTypedData_v4), its kind's type and nonce
        (with a reason: its ExtendedBallot)."""
    def relay_ballot(self, community_id: int, reference: str | int, voter: str, support: int,
                     signature: str, reason: str | None = None) -> RelayedBallot:
        """Checks that `voter` signed that ballot (InvalidInput otherwise), relays castVoteBySig from
        the recorder key, and reads the VoteCast back."""
    def relay_ballots(self, community_id: int, signed: list[BallotToRelay]) -> list[RelayedBallot | InvalidInput]:
        """Each ballot checked (a bad one refused alone), the rest relayed in one transaction where the
        chain allows; each ballot's outcome, in order."""


# ---------------------------------------------------------------- leader election


class LeaderLock(Protocol):
    """Only one instance runs the scheduler (or relays) against a database at a time."""

    def try_acquire(self) -> bool:
        """True if this instance now leads (or already did); never blocks."""

    def still_held(self) -> bool:
        """False once leadership was lost (e.g. the lock's connection dropped)."""

    def release(self) -> None: ...


# ---------------------------------------------------------------- language model


class LanguageModelError(Exception):
    """Generation failed (model missing, server down, timeout, refusal).

    The AI service answers it by falling back to the extractive backend.
    """


class PromptTooLongError(LanguageModelError):
    """The prompt plus the requested output does not fit the context window."""


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(frozen=True)
class ModelInfo:
    """Identifies exactly what produced an output (goes into provenance)."""

    backend: str  # "transformers" | "http" | "extractive"
    model_id: str
    revision: str  # hub commit, or keccak of the weight files, or what a server reports

    @property
    def key(self) -> str:
        """One string naming backend, model and weights: part of the AI cache key."""
        return f"{self.backend}:{self.model_id}@{self.revision}"


@dataclass(frozen=True)
class GenerationParams:
    max_new_tokens: int = 512
    temperature: float = 0.0  # 0 = greedy, deterministic
    top_p: float = 1.0
    seed: int = 0

    @property
    def greedy(self) -> bool:
        return self.temperature <= 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "max_new_tokens": self.max_new_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "seed": self.seed,
        }


@runtime_checkable
class LanguageModel(Protocol):
    """A generative chat model. Blocking: callers run it off the event loop.

    `generate` raises LanguageModelError (or a subclass) for every failure it
    expects; `info` may load metadata lazily but never the weights.
    """

    @property
    def info(self) -> ModelInfo: ...

    @property
    def context_window(self) -> int:
        """Tokens the model attends to: prompt plus output."""

    def count_tokens(self, text: str) -> int: ...

    def generate(self, messages: list[ChatMessage], params: GenerationParams) -> str: ...


@runtime_checkable
class SentenceEmbedder(Protocol):
    """Sentence embeddings (all-MiniLM-L6-v2): extractive summaries, similarity."""

    @property
    def info(self) -> ModelInfo: ...

    def embed(self, sentences: list[str]) -> list[list[float]]:
        """One L2-normalised vector per sentence, so a dot product is a cosine."""

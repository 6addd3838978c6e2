"""Grouping pending outbox rows into ledger calls, in outbox order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web3 import Web3

from governance.adapters.chain.ballot_relay import BALLOT_BATCH, ballots_call
from governance.adapters.chain.keys import hash32, proposal_key
from governance.adapters.chain.packed_votes import pack_votes
from governance.adapters.chain.store import ChainStore
from governance.adapters.sql.tables import OutboxRow
from governance.domain import VoteSource
from governance.domain.outbox import RecordKind


@dataclass
class Step:
    kind: RecordKind
    community_id: int
    rows: list[OutboxRow]

    @property
    def purpose(self) -> str:
        return self.kind.value

    @property
    def needs_voters(self) -> bool:
        return self.kind in (RecordKind.VOTE, RecordKind.LINK, RecordKind.BALLOT)

    @property
    def payload(self) -> dict[str, Any]:
        return self.rows[0].payload

    @property
    def proposal_key(self) -> bytes:  # not for LINK, UNLINK and ANCHOR records, which name no proposal
        return proposal_key(self.payload["proposal_id"])


def next_step(store: ChainStore, batch_size: int) -> Step | None:
    """The oldest pending record, with the votes on the same proposal queued right after it. Votes the
    member replaced by a later wallet ballot are marked superseded on the way, never sent."""
    while True:
        head = store.pending_rows(limit=1)
        if not head:
            return None
        first = head[0]
        kind = RecordKind(first.kind)
        if kind is RecordKind.BALLOT:  # wallet ballots of one community, any proposals: one castVotesBySig
            batch = [r for r in store.pending_rows(limit=min(batch_size, BALLOT_BATCH))]
            end = next((i for i, r in enumerate(batch)
                        if r.kind != first.kind or r.community_id != first.community_id), len(batch))
            return Step(kind, first.community_id, batch[:end])
        if kind is not RecordKind.VOTE:
            return Step(kind, first.community_id, [first])
        batch = []
        for row in store.pending_rows(limit=batch_size):
            if row.kind != first.kind or row.proposal_id != first.proposal_id:
                break
            batch.append(row)
        stale = superseded(store, batch)
        if stale:
            store.supersede([r.id for r in stale])
            batch = [r for r in batch if r not in stale]
        if batch:
            return Step(kind, first.community_id, batch)


def superseded(store: ChainStore, rows: list[OutboxRow]) -> list[OutboxRow]:
    """The vote records older than their member's current vote when that vote is a wallet ballot: the
    ballot is on-chain already and later than them (the latest act wins)."""
    current = store.current_votes(rows[0].proposal_id, list({r.payload["voter"] for r in rows}))
    stale = []
    for row in rows:
        vote = current.get(row.payload["voter"])
        if vote is not None and vote.source == VoteSource.WALLET.value and row.payload["sequence"] < vote.changes:
            stale.append(row)
    return stale


def build_call(contract: Any, step: Step, voter_indices: dict[str, int]) -> Any:
    p, fn = step.payload, contract.functions
    if step.kind is RecordKind.REVISION:
        return fn.recordRevision(step.proposal_key, p["number"], hash32(p["content_hash"]),
                                 hash32(p.get("provenance_hash")), p.get("uri") or "")
    if step.kind is RecordKind.OPEN:
        # Off-chain, votes count while now < deadline; on-chain the ledger keeps the last second allowed.
        return fn.openProposal(step.proposal_key, hash32(p["content_hash"]), p["deadline"] - 1,
                               p["quorum_required"], p["threshold_bps"])
    if step.kind is RecordKind.VOTE:
        # Sorted by voter so each bitmap word is touched once; a voter's own changes keep their order.
        ordered = sorted(step.rows, key=lambda r: (voter_indices[r.payload["voter"]], r.id))
        pairs = [(voter_indices[r.payload["voter"]], r.payload["support"]) for r in ordered]
        return fn.recordVotes(step.proposal_key, pack_votes(pairs))
    if step.kind is RecordKind.CLOSE:
        return fn.closeProposal(step.proposal_key)
    if step.kind is RecordKind.WITHDRAW:
        return fn.withdrawProposal(step.proposal_key)
    if step.kind is RecordKind.LINK:
        return fn.linkWallet(Web3.to_checksum_address(p["wallet"]), voter_indices[p["voter"]])
    if step.kind is RecordKind.BALLOT:
        return ballots_call(contract, step.rows, voter_indices)
    if step.kind is RecordKind.UNLINK:
        return fn.unlinkWallet(Web3.to_checksum_address(p["wallet"]))
    if step.kind is RecordKind.ANCHOR:
        return fn.anchorProvenance(hash32(p["root"]), p["count"], p.get("uri") or "")
    raise ValueError(f"no ledger call for {step.kind}")

"""Outbox records for each change the chain must learn about."""

from __future__ import annotations

from datetime import datetime

from governance.domain import Proposal, Revision, Tally, Vote
from governance.domain.outbox import OutboxRecord, RecordKind


def revision_record(p: Proposal, r: Revision, now: datetime, provenance_hash: str | None = None) -> OutboxRecord:
    return OutboxRecord(
        kind=RecordKind.REVISION, key=f"revision:{p.id}:{r.number}", community_id=p.community_id,
        created_at=now,
        payload={"proposal_id": p.id, "number": r.number, "content_hash": r.content_hash,
                 "provenance_id": r.provenance_id, "provenance_hash": provenance_hash},
    )


def open_record(p: Proposal, now: datetime) -> OutboxRecord:
    assert p.deadline is not None
    return OutboxRecord(
        kind=RecordKind.OPEN, key=f"open:{p.id}", community_id=p.community_id, created_at=now,
        payload={"proposal_id": p.id, "content_hash": p.latest.content_hash,
                 "revision": p.latest.number, "deadline": int(p.deadline.timestamp()),
                 "quorum_required": p.quorum_required, "threshold_bps": p.threshold_bps},
    )


def vote_record_key(proposal_id: int, voter: str, changes: int) -> str:
    """The outbox key of one vote (its `changes`-th change): how its transaction is found again."""
    return f"vote:{proposal_id}:{voter}:{changes}"


def vote_record(community_id: int, v: Vote, now: datetime) -> OutboxRecord:
    return OutboxRecord(
        kind=RecordKind.VOTE, key=vote_record_key(v.proposal_id, v.voter, v.changes),
        community_id=community_id, created_at=now,
        payload={"proposal_id": v.proposal_id, "voter": v.voter, "support": int(v.support),
                 "sequence": v.changes},
    )


def vote_again_record(community_id: int, v: Vote, block: int, now: datetime) -> OutboxRecord:
    """The member's current vote, recorded once more: the chain holds an older act on top of it (a wallet
    ballot mined in `block` and a relayed vote crossed). Its sequence is the vote's, so it is current."""
    record = vote_record(community_id, v, now)
    record.key = f"{record.key}:again@{block}"
    return record


def close_record(p: Proposal, tally: Tally, now: datetime) -> OutboxRecord:
    assert p.outcome is not None
    return OutboxRecord(
        kind=RecordKind.CLOSE, key=f"close:{p.id}", community_id=p.community_id, created_at=now,
        payload={"proposal_id": p.id, "outcome": p.outcome.value, "for": tally.for_votes,
                 "against": tally.against_votes, "abstain": tally.abstain_votes},
    )


def withdraw_record(p: Proposal, now: datetime) -> OutboxRecord:
    return OutboxRecord(
        kind=RecordKind.WITHDRAW, key=f"withdraw:{p.id}", community_id=p.community_id,
        created_at=now, payload={"proposal_id": p.id},
    )


def link_record(community_id: int, voter: str, wallet: str, now: datetime, generation: int = 0) -> OutboxRecord:
    """generation: how many times the wallet was unlinked in this community before (a wallet links once
    per generation; the first keeps the key it always had)."""
    suffix = f":{generation}" if generation else ""
    return OutboxRecord(
        kind=RecordKind.LINK, key=f"link:{community_id}:{wallet.lower()}{suffix}", community_id=community_id,
        created_at=now, payload={"voter": voter, "wallet": wallet},
    )


def unlink_record(community_id: int, voter: str, wallet: str, now: datetime, generation: int,
                  reason: str) -> OutboxRecord:
    return OutboxRecord(
        kind=RecordKind.UNLINK, key=f"unlink:{community_id}:{wallet.lower()}:{generation}",
        community_id=community_id, created_at=now, payload={"voter": voter, "wallet": wallet, "reason": reason},
    )


def anchor_record(anchor, now: datetime) -> OutboxRecord:
    return OutboxRecord(
        kind=RecordKind.ANCHOR, key=f"anchor:{anchor.community_id}:{anchor.root}",
        community_id=anchor.community_id, created_at=now,
        payload={"anchor_id": anchor.id, "root": anchor.root, "count": anchor.record_count},
    )

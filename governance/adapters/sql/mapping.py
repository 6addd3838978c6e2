"""Translation between table rows and domain objects (the domain never sees rows)."""

from __future__ import annotations

from datetime import timedelta

from governance.adapters.sql.tables import CommunityRow, OutboxRow, ProposalRow, RevisionRow, VoteRow
from governance.domain import (
    Community,
    Outcome,
    Proposal,
    ProposalState,
    QuorumKind,
    QuorumRule,
    Revision,
    Support,
    Tally,
    Vote,
    VoteSource,
)
from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus


def community_to_row(c: Community, row: CommunityRow | None = None) -> CommunityRow:
    row = row or CommunityRow(id=c.id)
    row.name = c.name
    row.voting_period_seconds = int(c.voting_period.total_seconds())
    row.quorum_kind = c.quorum.kind.value
    row.quorum_value = c.quorum.value
    row.threshold_bps = c.threshold_bps
    row.eligible_role_id = c.eligible_role_id
    row.proposer_role_id = c.proposer_role_id
    row.digest_channel_id = c.digest_channel_id
    row.digest_cron = c.digest_cron
    row.timezone = c.timezone
    return row


def community_from_row(row: CommunityRow) -> Community:
    return Community(
        id=row.id,
        name=row.name,
        voting_period=timedelta(seconds=row.voting_period_seconds),
        quorum=QuorumRule(QuorumKind(row.quorum_kind), row.quorum_value),
        threshold_bps=row.threshold_bps,
        eligible_role_id=row.eligible_role_id,
        proposer_role_id=row.proposer_role_id,
        digest_channel_id=row.digest_channel_id,
        digest_cron=row.digest_cron,
        timezone=row.timezone,
    )


_PROPOSAL_FIELDS = (
    "community_id", "author", "created_at", "published_at", "deadline", "eligible_count",
    "quorum_required", "threshold_bps", "eligible_role_id", "closed_at",
)


def proposal_to_row(p: Proposal, row: ProposalRow | None = None) -> ProposalRow:
    row = row or ProposalRow()
    for name in _PROPOSAL_FIELDS:
        setattr(row, name, getattr(p, name))
    row.state = p.state.value
    row.outcome = p.outcome.value if p.outcome else None
    tally = p.final_tally
    row.final_for = tally.for_votes if tally else None
    row.final_against = tally.against_votes if tally else None
    row.final_abstain = tally.abstain_votes if tally else None
    return row


def proposal_from_row(row: ProposalRow, revisions: list[RevisionRow]) -> Proposal:
    tally = None
    if row.final_for is not None:
        tally = Tally(row.final_for, row.final_against or 0, row.final_abstain or 0)
    return Proposal(
        id=row.id,
        state=ProposalState(row.state),
        outcome=Outcome(row.outcome) if row.outcome else None,
        final_tally=tally,
        revisions=[revision_from_row(r) for r in sorted(revisions, key=lambda r: r.number)],
        **{name: getattr(row, name) for name in _PROPOSAL_FIELDS},
    )


def revision_to_row(proposal_id: int, r: Revision) -> RevisionRow:
    return RevisionRow(
        proposal_id=proposal_id, number=r.number, title=r.title, body=r.body,
        content_hash=r.content_hash, author=r.author, created_at=r.created_at,
        provenance_id=r.provenance_id,
    )


def revision_from_row(row: RevisionRow) -> Revision:
    return Revision(
        number=row.number, title=row.title, body=row.body, content_hash=row.content_hash,
        author=row.author, created_at=row.created_at, provenance_id=row.provenance_id,
    )


def vote_from_row(row: VoteRow) -> Vote:
    return Vote(
        proposal_id=row.proposal_id, voter=row.voter, support=Support(row.support),
        reason=row.reason, cast_at=row.cast_at, changes=row.changes, source=VoteSource(row.source),
    )


def outbox_values(r: OutboxRecord) -> dict:
    return dict(
        key=r.key, kind=r.kind.value, community_id=r.community_id,
        proposal_id=r.payload.get("proposal_id"), payload=r.payload, status=r.status.value,
        attempts=r.attempts, created_at=r.created_at, tx_hash=r.tx_hash,
        block_number=r.block_number, confirmed_at=r.confirmed_at, last_error=r.last_error,
    )


def outbox_from_row(row: OutboxRow) -> OutboxRecord:
    return OutboxRecord(
        id=row.id, key=row.key, kind=RecordKind(row.kind), community_id=row.community_id,
        payload=dict(row.payload), status=RecordStatus(row.status), attempts=row.attempts,
        created_at=row.created_at, tx_hash=row.tx_hash, block_number=row.block_number,
        confirmed_at=row.confirmed_at, last_error=row.last_error,
    )

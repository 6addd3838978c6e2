"""Use cases for a proposal's text and lifecycle: draft, revise, publish, withdraw."""

from __future__ import annotations

from datetime import timedelta

from governance.domain import Actor, Proposal
from governance.domain.community import require_proposer, validate_voting_period
from governance.errors import InvalidInput
from governance.ports import Clock, UnitOfWork
from governance.services import lookup, records

MAX_ELIGIBLE = 10_000_000  # Discord's largest servers are far below this


def create_draft(
    uow: UnitOfWork, clock: Clock, *, community_id: int, actor: Actor, title: str, body: str,
    provenance_id: int | None = None,
) -> Proposal:
    with uow:
        community = lookup.community(uow, community_id)
        require_proposer(actor, community)
        now = clock.now()
        proposal = Proposal(community_id=community.id, author=actor.id, created_at=now)
        revision = proposal.add_revision(title, body, actor.id, now, provenance_id)
        uow.proposals.add(proposal)
        uow.outbox.add(records.revision_record(proposal, revision, now,
                                               _provenance_hash(uow, provenance_id, community.id)))
        uow.commit()
    return proposal


def revise(
    uow: UnitOfWork, clock: Clock, *, proposal_id: int, actor: Actor, title: str | None = None,
    body: str | None = None, provenance_id: int | None = None,
) -> Proposal:
    with uow:
        proposal = lookup.proposal(uow, proposal_id, for_update=True)
        proposal.require_editor(actor)
        now = clock.now()
        revision = proposal.add_revision(
            title if title is not None else proposal.latest.title,
            body if body is not None else proposal.latest.body,
            actor.id, now, provenance_id,
        )
        uow.proposals.save(proposal)
        uow.outbox.add(records.revision_record(proposal, revision, now,
                                               _provenance_hash(uow, provenance_id, proposal.community_id)))
        uow.commit()
    return proposal


def publish(
    uow: UnitOfWork, clock: Clock, *, proposal_id: int, actor: Actor,
    voting_period: timedelta | None = None, eligible_count: int | None = None,
) -> Proposal:
    """Opens voting. Quorum and threshold are fixed now, so later setting changes cannot move them."""
    if eligible_count is not None and not 0 <= eligible_count <= MAX_ELIGIBLE:
        raise InvalidInput(f"The number of eligible members must be between 0 and {MAX_ELIGIBLE:,}.")
    with uow:
        proposal = lookup.proposal(uow, proposal_id, for_update=True)
        proposal.require_editor(actor)
        community = lookup.community(uow, proposal.community_id)
        period = validate_voting_period(voting_period or community.voting_period)
        now = clock.now()
        proposal.publish(
            now, period, community.quorum.required(eligible_count), community.threshold_bps,
            eligible_count, community.eligible_role_id,
        )
        uow.proposals.save(proposal)
        uow.outbox.add(records.open_record(proposal, now))
        uow.commit()
    return proposal


def withdraw(uow: UnitOfWork, clock: Clock, *, proposal_id: int, actor: Actor,
             discard_only: bool = False) -> Proposal:
    """discard_only: the Discard button of a draft preview, which never withdraws a published proposal."""
    with uow:
        proposal = lookup.proposal(uow, proposal_id, for_update=True)
        proposal.require_editor(actor)
        was_published = proposal.published_at is not None
        now = clock.now()
        if discard_only:
            proposal.discard(now)
        else:
            proposal.withdraw(now)
        uow.proposals.save(proposal)
        if was_published:
            uow.outbox.add(records.withdraw_record(proposal, now))
        uow.commit()
    return proposal


def _provenance_hash(uow: UnitOfWork, provenance_id: int | None, community_id: int) -> str | None:
    """The AI output that wrote a revision, filed under the community whose ledger will name it."""
    if provenance_id is None:
        return None
    stored = uow.provenance.claim(provenance_id, community_id)
    if stored is None:
        raise InvalidInput(f"AI output #{provenance_id} does not exist.")
    return stored.record_hash

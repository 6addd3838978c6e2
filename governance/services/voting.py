"""Casting and changing votes, and closing a vote once its deadline has passed."""

from __future__ import annotations

from dataclasses import dataclass

from governance.domain import Actor, Outcome, Support, Tally, Vote, VoteSource
from governance.domain.community import require_voter
from governance.domain.text import clean_reason
from governance.errors import InvalidState
from governance.ports import Clock, UnitOfWork
from governance.services import lookup, records


@dataclass(frozen=True)
class VoteReceipt:
    vote: Vote
    previous: Support | None  # None on a first vote

    @property
    def changed(self) -> bool:
        return self.previous is not None


def cast_vote(
    uow: UnitOfWork, clock: Clock, *, proposal_id: int, actor: Actor, support: Support,
    reason: str | None = None, source: VoteSource = VoteSource.DISCORD,
) -> VoteReceipt:
    reason = clean_reason(reason)
    with uow:
        proposal = lookup.proposal(uow, proposal_id)
        community = lookup.community(uow, proposal.community_id)
        require_voter(actor, community)
        now = clock.now()
        proposal.require_open_for_votes(now)
        previous = uow.votes.get(proposal_id, actor.id, lock=True)
        vote = Vote(
            proposal_id=proposal_id, voter=actor.id, support=Support(support), reason=reason,
            cast_at=now, changes=previous.changes + 1 if previous else 0, source=source,
        )
        uow.votes.put(vote)
        uow.outbox.add(records.vote_record(community.id, vote, now))
        uow.commit()
    return VoteReceipt(vote=vote, previous=previous.support if previous else None)


@dataclass(frozen=True)
class CloseResult:
    proposal_id: int
    outcome: Outcome
    tally: Tally


def close(uow: UnitOfWork, clock: Clock, *, proposal_id: int) -> CloseResult:
    """Tallies and decides. Anyone may ask once the deadline has passed; the rules decide."""
    with uow:
        proposal = lookup.proposal(uow, proposal_id, for_update=True)
        now = clock.now()
        tally = uow.votes.tally(proposal_id)
        outcome = proposal.close(now, tally)
        uow.proposals.save(proposal)
        uow.outbox.add(records.close_record(proposal, tally, now))
        uow.commit()
    return CloseResult(proposal_id, outcome, tally)


def close_due(uow: UnitOfWork, clock: Clock) -> list[CloseResult]:
    """Closes every active proposal whose deadline has passed (the scheduler's job)."""
    with uow:
        due = uow.proposals.due_for_closing(clock.now())
    results = []
    for proposal_id in due:
        try:
            results.append(close(uow, clock, proposal_id=proposal_id))
        except InvalidState:
            continue  # closed meanwhile by another instance or a member
    return results

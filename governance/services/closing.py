"""Closing a vote once its deadline has passed: tally, outcome, and the chain's record of it."""

from __future__ import annotations

from dataclasses import dataclass

from governance.domain import Outcome, Tally
from governance.errors import InvalidState
from governance.ports import Clock, UnitOfWork
from governance.services import lookup, records


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

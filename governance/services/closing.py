"""Closing a vote once its deadline has passed: tally, outcome, and the chain's record of it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from governance.domain import Outcome, ProposalState, Tally
from governance.errors import InvalidState
from governance.ports import Clock, LedgerReader, UnitOfWork
from governance.services import lookup, records

log = logging.getLogger(__name__)


class ChainNotReadYet(InvalidState):
    """The deadline passed, but the indexer has not read the chain past it yet."""


@dataclass(frozen=True)
class CloseResult:
    proposal_id: int
    outcome: Outcome
    tally: Tally


def close(uow: UnitOfWork, clock: Clock, *, proposal_id: int, ledger: LedgerReader | None = None) -> CloseResult:
    """Tallies and decides. Anyone may ask once the deadline has passed; the rules decide. With a chain,
    only once the chain was read past the deadline: a wallet ballot mined in the last seconds counts."""
    if ledger is not None:
        with uow:
            proposal = lookup.proposal(uow, proposal_id, with_revisions=False)
        if proposal.deadline is not None and proposal.state is ProposalState.ACTIVE \
                and clock.now() >= proposal.deadline and not ledger.read_past(proposal.community_id,
                                                                              proposal.deadline):
            raise ChainNotReadYet(f"Voting on proposal #{proposal_id} has ended, but the chain has not been read "
                                  "past its deadline yet (a wallet ballot may still be on its way); it closes once "
                                  "it is: the bot's chain loop or `folkmoot chain relay` reads it.")
    with uow:
        proposal = lookup.proposal(uow, proposal_id, for_update=True)
        now = clock.now()
        tally = uow.votes.tally(proposal_id)
        outcome = proposal.close(now, tally)
        uow.proposals.save(proposal)
        uow.outbox.add(records.close_record(proposal, tally, now))
        uow.commit()
    return CloseResult(proposal_id, outcome, tally)


def close_due(uow: UnitOfWork, clock: Clock, ledger: LedgerReader | None = None) -> list[CloseResult]:
    """Closes every active proposal whose deadline has passed and, with a chain, that the chain was read
    past (the scheduler's job); the others wait for the next pass."""
    with uow:
        due = uow.proposals.due_for_closing(clock.now())
    results = []
    for proposal_id in due:
        try:
            results.append(close(uow, clock, proposal_id=proposal_id, ledger=ledger))
        except ChainNotReadYet:
            log.info("proposal #%s waits to close until the chain is read past its deadline", proposal_id)
        except InvalidState:
            continue  # closed meanwhile by another instance or a member
    return results

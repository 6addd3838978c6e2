"""Casting and changing votes, one at a time or many in one transaction.

A vote storm is many members clicking within seconds; committing each vote alone costs a
transaction apiece, so concurrent votes are cast together (`cast_votes`): every ballot is
still checked on its own and refused on its own, but they share one commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.domain import Actor, Community, Proposal, Support, Vote, VoteSource
from governance.domain.text import clean_reason
from governance.errors import GovernanceError
from governance.ports import Clock, UnitOfWork
from governance.services import lookup, records


@dataclass(frozen=True)
class Ballot:
    proposal_id: int
    actor: Actor
    support: Support
    reason: str | None = None
    source: VoteSource = VoteSource.DISCORD


@dataclass(frozen=True)
class VoteReceipt:
    vote: Vote
    previous: Support | None  # None on a first vote

    @property
    def changed(self) -> bool:
        return self.previous is not None


def cast_vote(uow: UnitOfWork, clock: Clock, ballot: Ballot) -> VoteReceipt:
    result = cast_votes(uow, clock, [ballot])[0]
    if isinstance(result, GovernanceError):
        raise result
    return result


def cast_votes(uow: UnitOfWork, clock: Clock, ballots: list[Ballot]) -> list[VoteReceipt | GovernanceError]:
    """Each ballot gets its receipt or the error that refused it; accepted ones commit together."""
    results: list[VoteReceipt | GovernanceError] = []
    with uow:
        now = clock.now()
        context = _Context(uow)
        current: dict[tuple[int, str], Vote | None] = {}
        accepted: list[Vote] = []
        for ballot in ballots:
            try:
                reason = clean_reason(ballot.reason)
                proposal, _ = context.load(ballot.proposal_id)
                proposal.require_voter(ballot.actor)
                proposal.require_open_for_votes(now)
            except GovernanceError as refused:
                results.append(refused)
                continue
            key = (ballot.proposal_id, ballot.actor.id)
            if key not in current:
                current.update(context.existing(ballot.proposal_id, [b.actor.id for b in ballots
                                                                     if b.proposal_id == ballot.proposal_id]))
            previous = current.get(key)
            vote = Vote(proposal_id=ballot.proposal_id, voter=ballot.actor.id, support=Support(ballot.support),
                        reason=reason, cast_at=now, changes=previous.changes + 1 if previous else 0,
                        source=ballot.source)
            current[key] = vote
            accepted.append(vote)
            results.append(VoteReceipt(vote=vote, previous=previous.support if previous else None))
        if accepted:
            uow.votes.put_many(_last_per_voter(accepted))
            uow.outbox.add_many([records.vote_record(context.community_of(v.proposal_id), v, now)
                                 for v in accepted])
            uow.commit()
    return results


class _Context:
    """Proposals, communities and current votes, each loaded once per batch."""

    def __init__(self, uow: UnitOfWork):
        self.uow = uow
        self.proposals: dict[int, tuple[Proposal, Community] | GovernanceError] = {}
        self.loaded_voters: set[tuple[int, str]] = set()

    def load(self, proposal_id: int) -> tuple[Proposal, Community]:
        if proposal_id not in self.proposals:
            try:
                proposal = lookup.proposal(self.uow, proposal_id, with_revisions=False)
                self.proposals[proposal_id] = (proposal, lookup.community(self.uow, proposal.community_id))
            except GovernanceError as error:
                self.proposals[proposal_id] = error
        found = self.proposals[proposal_id]
        if isinstance(found, GovernanceError):
            raise found
        return found

    def community_of(self, proposal_id: int) -> int:
        return self.load(proposal_id)[1].id

    def existing(self, proposal_id: int, voters: list[str]) -> dict[tuple[int, str], Vote | None]:
        wanted = [v for v in dict.fromkeys(voters) if (proposal_id, v) not in self.loaded_voters]
        found = self.uow.votes.get_many(proposal_id, wanted, lock=True)
        self.loaded_voters.update((proposal_id, v) for v in wanted)
        return {(proposal_id, v): found.get(v) for v in wanted}


def _last_per_voter(votes: list[Vote]) -> list[Vote]:
    last: dict[tuple[int, str], Vote] = {}
    for vote in votes:
        last[(vote.proposal_id, vote.voter)] = vote
    return list(last.values())

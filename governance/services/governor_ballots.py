"""Members' signed ballots on a followed Governor, relayed gas-free: only from the wallet they linked,
only while voting is open, only with voting power at the snapshot, only once (the Governor counts one
vote per account), and within their daily allowance and the server's budget (every attempt counts).
Several at once go in one transaction where the chain allows (`relay_ballots`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from governance.domain import Actor, Support
from governance.domain.governor.delegation import BallotToRelay, RelayedBallot
from governance.errors import GovernanceError, InvalidInput, InvalidState, NotEligible, NotFound
from governance.ports import Clock, FollowedGovernors, UnitOfWork
from governance.services import voting_power
from governance.services.voting_power import BALLOT_RELAY, NOT_LINKED

MAX_REASON = 500  # characters, as a Discord vote's


@dataclass(frozen=True)
class BallotRequest:
    """A member's signed ballot as a face hands it over."""

    actor: Actor
    reference: str | int  # the proposal's number or id
    support: Support
    signature: str
    reason: str | None = None


def relay_ballot(uow: Callable[[], UnitOfWork], read_uow: Callable[[], UnitOfWork], clock: Clock,
                 governors: FollowedGovernors, *, community_id: int, actor: Actor, reference: str | int,
                 support: Support, signature: str, reason: str | None, per_day: int,
                 daily_budget: int) -> RelayedBallot:
    ballot = eligible_ballot(read_uow, governors, community_id, BallotRequest(actor, reference, support, signature,
                                                                              reason))
    return voting_power.within_allowance(
        uow, clock, community_id=community_id, member=actor.id, kind=BALLOT_RELAY, per_day=per_day,
        daily_budget=daily_budget,
        relay=lambda: governors.relay_ballot(community_id, ballot.proposal_id, ballot.voter, ballot.support,
                                             signature, ballot.reason),
        tx_of=lambda relayed: relayed.tx_hash)


def relay_ballots(uow: Callable[[], UnitOfWork], read_uow: Callable[[], UnitOfWork], clock: Clock,
                  governors: FollowedGovernors, *, community_id: int, requests: list[BallotRequest], per_day: int,
                  daily_budget: int) -> list[RelayedBallot | GovernanceError]:
    """Each request checked and counted against its member's allowance alone (a refusal is its own);
    those that pass are relayed together, in one transaction where the chain allows."""
    results: list[RelayedBallot | GovernanceError | None] = []
    passing: list[tuple[int, BallotToRelay, list]] = []
    for i, request in enumerate(requests):
        try:
            ballot = eligible_ballot(read_uow, governors, community_id, request)
            slots = voting_power.claim_allowance(uow, clock, community_id=community_id, member=request.actor.id,
                                                 kind=BALLOT_RELAY, per_day=per_day, daily_budget=daily_budget)
            passing.append((i, ballot, slots))
            results.append(None)
        except GovernanceError as refused:
            results.append(refused)
    if passing:
        try:
            relayed = governors.relay_ballots(community_id, [ballot for _, ballot, _ in passing])
        except GovernanceError as error:
            relayed = [error] * len(passing)
        for (i, _, slots), outcome in zip(passing, relayed):
            results[i] = outcome
            ok = isinstance(outcome, RelayedBallot)
            for key in slots:
                voting_power.finish_relay(uow(), key, clock.now(), ok, outcome.tx_hash if ok else str(outcome))
    return results  # type: ignore[return-value]


def eligible_ballot(read_uow: Callable[[], UnitOfWork], governors: FollowedGovernors, community_id: int,
                    request: BallotRequest) -> BallotToRelay:
    """The ballot to relay for this request, or the reason it cannot be (read from the chain)."""
    if request.reason is not None and len(request.reason) > MAX_REASON:
        raise InvalidInput(f"A reason is at most {MAX_REASON} characters.")
    wallet = voting_power.linked_wallets(read_uow(), community_id).get(request.actor.id)
    if wallet is None:
        raise NotFound(NOT_LINKED)
    reading = governors.voting_power(community_id, wallet, request.reference)
    number = reading.proposal_number
    if reading.proposal_state != "active":
        raise InvalidState(f"Voting on Governor proposal #{number} is not open (it is {reading.proposal_state}).")
    if not reading.power_at_snapshot:
        raise NotEligible(f"Your wallet {wallet} has no voting power at proposal #{number}'s snapshot, so there is "
                          "no vote to relay; /why-zero says why.")
    if reading.has_voted:
        raise InvalidState(f"Your wallet {wallet} has already voted on proposal #{number}; the Governor counts one "
                           "vote per account.")
    assert reading.proposal_id is not None
    return BallotToRelay(reading.proposal_id, int(request.support), wallet, request.signature, request.reason or None)

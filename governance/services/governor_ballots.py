"""A member's signed ballot on a followed Governor, relayed gas-free: only from the wallet they linked,
only while voting is open, only with voting power at the snapshot, only once (the Governor counts one
vote per account), and within their daily allowance (every attempt counts)."""

from __future__ import annotations

from collections.abc import Callable

from governance.domain import Actor, Support
from governance.domain.governor.delegation import RelayedBallot
from governance.errors import InvalidInput, InvalidState, NotEligible, NotFound
from governance.ports import Clock, FollowedGovernors, UnitOfWork
from governance.services import voting_power
from governance.services.voting_power import BALLOT_RELAY, NOT_LINKED

MAX_REASON = 500  # characters, as a Discord vote's


def relay_ballot(uow: Callable[[], UnitOfWork], read_uow: Callable[[], UnitOfWork], clock: Clock,
                 governors: FollowedGovernors, *, community_id: int, actor: Actor, reference: str | int,
                 support: Support, signature: str, reason: str | None, per_day: int,
                 daily_budget: int) -> RelayedBallot:
    if reason is not None and len(reason) > MAX_REASON:
        raise InvalidInput(f"A reason is at most {MAX_REASON} characters.")
    wallet = voting_power.linked_wallets(read_uow(), community_id).get(actor.id)
    if wallet is None:
        raise NotFound(NOT_LINKED)
    reading = governors.voting_power(community_id, wallet, reference)
    number = reading.proposal_number
    if reading.proposal_state != "active":
        raise InvalidState(f"Voting on Governor proposal #{number} is not open (it is {reading.proposal_state}).")
    if not reading.power_at_snapshot:
        raise NotEligible(f"Your wallet {wallet} has no voting power at proposal #{number}'s snapshot, so there is "
                          "no vote to relay; /why-zero says why.")
    if reading.has_voted:
        raise InvalidState(f"Your wallet {wallet} has already voted on proposal #{number}; the Governor counts one "
                           "vote per account.")
    return voting_power.within_allowance(
        uow, clock, community_id=community_id, member=actor.id, kind=BALLOT_RELAY, per_day=per_day,
        daily_budget=daily_budget,
        relay=lambda: governors.relay_ballot(community_id, reading.proposal_id, wallet, int(support), signature,
                                              reason or None),
        tx_of=lambda relayed: relayed.tx_hash)

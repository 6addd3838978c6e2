"""A member's voting power on the Governor their community follows: why it is what it is (the
voting-power doctor behind /why-zero and `folkmoot governor why-zero`), and delegating it by
signature and voting with the Governor's own signed ballot, each relayed gas-free from the
community's recorder key (the wallet page plugs in here)."""

from __future__ import annotations

import re

from governance.application.engines import Engines
from governance.domain import Actor, Support
from governance.domain.governor.delegation import (
    DelegationDomain,
    RelayedBallot,
    RelayedDelegation,
    SignedDelegation,
)
from governance.domain.governor.power import Diagnosis, diagnose
from governance.errors import GovernanceError, InvalidInput, NotFound
from governance.services import governor_ballots, voting_power
from governance.services.governor_ballots import BallotRequest
from governance.services.voting_power import DELEGATION_RELAY, NOT_LINKED

ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")


class VotingPower(Engines):
    delegations_per_day: int = 5  # signed delegations relayed per member per UTC day (bootstrap: the settings)

    def linked_wallet(self, community_id: int, member: str) -> str | None:
        """The wallet the member ("discord:<id>") linked here last, lower-case; None if none."""
        return voting_power.linked_wallets(self.read_uow(), community_id).get(member)

    def linked_wallets(self, community_id: int) -> dict[str, str]:
        return voting_power.linked_wallets(self.read_uow(), community_id)

    def why_zero(self, community_id: int, *, member: str | None = None, address: str | None = None,
                 reference: str | int | None = None) -> Diagnosis:
        """Blocking (it reads the chain). The case that explains a wallet's voting power on a proposal
        (by number or id; None: the latest active one): the member's linked wallet, or `address`."""
        governors = self._require_governors()
        self.community(community_id)
        if not governors.follows(community_id):
            raise NotFound(f"Community {community_id} follows no Governor, so there is no voting power to "
                           "explain (attach one with /config governor or `folkmoot governor attach`).")
        wallet = _address(address) if address is not None else self.linked_wallet(community_id, member or "")
        if wallet is None:
            raise NotFound(NOT_LINKED)
        return diagnose(governors.voting_power(community_id, wallet, reference))

    def delegation_domain(self, community_id: int, delegator: str) -> DelegationDomain:
        """What a wallet signs a Delegation for: the token's EIP-712 domain and the wallet's next nonce."""
        return self._require_governors().delegation_domain(community_id, _address(delegator))

    def relay_delegation(self, community_id: int, actor: Actor, signed: SignedDelegation) -> RelayedDelegation:
        """Blocking. Relays the member's signed Delegation gas-free: the delegator must be the wallet
        they linked here, within their daily allowance (every attempt counts); the signature is
        checked against the token's domain before anything is sent."""
        governors = self._require_governors()
        for value in (signed.delegator, signed.delegatee, signed.token):
            _address(value)
        linked = self.linked_wallet(community_id, actor.id)
        if linked is None:
            raise NotFound(NOT_LINKED)
        if linked != signed.delegator.lower():
            raise InvalidInput(f"That delegation is signed by {signed.delegator}, not by your linked wallet {linked}.")
        return voting_power.within_allowance(
            self.uow, self.clock, community_id=community_id, member=actor.id, kind=DELEGATION_RELAY,
            per_day=self.delegations_per_day, daily_budget=self.relay_daily_budget,
            relay=lambda: governors.relay_delegation(community_id, signed), tx_of=lambda relayed: relayed.tx_hash)

    def governor_ballot(self, community_id: int, actor: Actor, reference: str | int, support: Support,
                        reason: str | None = None) -> dict:
        """The Governor's own EIP-712 ballot (with a reason: its ExtendedBallot) for the member's linked
        wallet, ready for eth_signTypedData_v4."""
        wallet = self.linked_wallet(community_id, actor.id)
        if wallet is None:
            raise NotFound(NOT_LINKED)
        return self._require_governors().ballot_typed_data(community_id, reference, wallet, int(support), reason)

    def relay_governor_ballot(self, community_id: int, actor: Actor, reference: str | int, support: Support,
                              signature: str, reason: str | None = None) -> RelayedBallot:
        """Blocking. The member's signed ballot relayed gas-free (what `vote(..., signature=...)` does),
        with the transaction and the weight the Governor counted."""
        return self._relay_ballot(self.find_proposal(community_id, reference), actor, support, reason, signature)


    def relay_governor_ballots(self, community_id: int, requests: list[BallotRequest]
                               ) -> list[RelayedBallot | GovernanceError]:
        """Blocking. Several members' signed ballots (the wallet page's queue): each checked and counted
        against its member's allowance alone, those that pass relayed in one transaction where the
        chain allows; each request's outcome, in order."""
        return governor_ballots.relay_ballots(self.uow, self.read_uow, self.clock, self._require_governors(),
                                              community_id=community_id, requests=requests,
                                              per_day=self.ballots_per_day, daily_budget=self.relay_daily_budget)


def _address(value: str | None) -> str:
    if value is None or not ADDRESS.fullmatch(value.strip()):
        raise InvalidInput("That is not an address; it looks like 0x followed by 40 hex digits.")
    return value.strip().lower()


"""The wallet page on a community that follows a Governor: a member opens the one-time link of a
Governor proposal, sees it (calls and findings decoded, their voting power at the snapshot and why),
signs the Governor's own EIP-712 ballot in their wallet and folkmoot relays it gas-free.

Reuses the pieces #14 put in place: `why_zero` reads the power, `governor_ballot` makes the typed
data, `relay_governor_ballot` checks (linked wallet, signature, allowance) and relays."""

from __future__ import annotations

from dataclasses import dataclass

from governance.application.wallet_page import WalletPage, _actor, _require_support, _require_vote_grant
from governance.domain import Support
from governance.domain.engines import EngineProposal
from governance.domain.governor.delegation import (
    RelayedBallot,
    RelayedDelegation,
    SignedDelegation,
    delegation_typed_data,
)
from governance.domain.governor.power import Diagnosis, same
from governance.domain.wallet_page import LinkGrant
from governance.errors import NotFound
from governance.services.voting_power import NOT_LINKED

DELEGATION_SECONDS = 3_600  # a page's signed delegation expires an hour after it was made


@dataclass(frozen=True)
class GovernorVotePage:
    proposal: EngineProposal  # its detail is the GovernorProposal: calls and findings
    wallet: str | None  # the member's linked wallet, lower-case
    power: Diagnosis | None  # at the proposal's snapshot; None without a linked wallet
    chain_id: int  # the Governor's: the wallet must be on it

    @property
    def may_sign(self) -> bool:
        return self.proposal.is_open and self.power is not None and self.power.power > 0

    @property
    def may_delegate(self) -> bool:
        """Tokens held now, not delegated to the wallet itself: the page offers delegation by signature."""
        reading = self.power.reading if self.power is not None else None
        return reading is not None and reading.balance_now > 0 and not same(reading.delegate_now, reading.wallet)


class GovernorPage(WalletPage):
    def governor_vote_page(self, grant: LinkGrant, number: int) -> GovernorVotePage:
        """Blocking (reads the chain). The proposal and the member's voting power at its snapshot."""
        _require_vote_grant(grant, number)
        proposal = self.find_proposal(grant.community_id, str(number))
        wallet = self.linked_wallet(grant.community_id, grant.member)
        try:
            power = self.why_zero(grant.community_id, member=grant.member, reference=str(number))
        except NotFound:
            power = None
        return GovernorVotePage(proposal, wallet, power, self.governor_info(grant.community_id).chain_id)

    def governor_page_ballot(self, grant: LinkGrant, number: int, support: int, reason: str | None) -> dict:
        """Blocking. The Governor's typed data for the member's linked wallet (ExtendedBallot with a reason)."""
        _require_vote_grant(grant, number)
        _require_support(support)
        return self.governor_ballot(grant.community_id, _actor(grant), str(number), Support(support), reason or None)

    def relay_governor_page_ballot(self, grant: LinkGrant, number: int, support: int, reason: str | None,
                                   signature: str) -> RelayedBallot:
        """Blocking. The signed ballot checked and relayed gas-free; its VoteCast read back."""
        _require_vote_grant(grant, number)
        _require_support(support)
        return self.relay_governor_ballot(grant.community_id, _actor(grant), str(number), Support(support),
                                          signature, reason or None)

    def page_delegation(self, grant: LinkGrant) -> dict:
        """Blocking. The token's `Delegation` of the member's linked wallet to itself, for the wallet to sign."""
        wallet = self._page_wallet(grant)
        domain = self.delegation_domain(grant.community_id, wallet)
        return delegation_typed_data(domain, wallet, domain.nonce, domain.now + DELEGATION_SECONDS)

    def relay_page_delegation(self, grant: LinkGrant, nonce: int, expiry: int, signature: str, chain_id: int,
                              token: str) -> RelayedDelegation:
        """Blocking. The signed self-delegation checked and relayed gas-free (`relay_delegation`'s checks)."""
        wallet = self._page_wallet(grant)
        return self.relay_delegation(grant.community_id, _actor(grant),
                                     SignedDelegation(wallet, wallet, nonce, expiry, signature, chain_id, token))

    def _page_wallet(self, grant: LinkGrant) -> str:
        wallet = self.linked_wallet(grant.community_id, grant.member)
        if wallet is None:
            raise NotFound(NOT_LINKED)
        return wallet

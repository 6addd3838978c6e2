"""The voting-engine port: what every face asks of the engine that counts a community's votes."""

from __future__ import annotations

from typing import Protocol

from governance.domain import Actor, Support
from governance.domain.engines import Count, EngineKind, EngineProposal, ProposalHeading
from governance.services.verification import VerifyReport
from governance.services.voting import VoteReceipt


class VotingEngine(Protocol):
    """Folkmoot's own ledger (one member, one vote) or an existing on-chain Governor (token-
    weighted), behind the same calls. The values are engine-neutral (governance.domain.engines);
    what only one engine knows (revisions; decoded calls, findings) is each proposal's `detail`.

    A proposal is named by a reference: its number in the community ("3" or "#3"), or, on a
    Governor, also the Governor's own uint256 id. A reference from another community is not
    found there. Reads of the chain raise Unavailable when it cannot be reached."""

    @property
    def kind(self) -> EngineKind: ...

    def proposals(self, community_id: int, *, open_only: bool = False, limit: int = 25
                  ) -> list[EngineProposal]:
        """Newest first, each with its state, voting window and count."""

    def proposal(self, community_id: int, reference: str | int) -> EngineProposal: ...

    def headings(self, community_id: int, *, open_only: bool = False, limit: int = 200) -> list[ProposalHeading]:
        """Newest first, numbers and titles only, fast enough for a member typing (autocomplete)."""

    def vote(self, proposal: EngineProposal, actor: Actor, support: Support, reason: str | None = None,
             signature: str | None = None) -> VoteReceipt:
        """Accepts a member's vote: attested by the bot (the ledger), or the member's own signed
        ballot relayed gas-free (a Governor: its EIP-712 Ballot, from the wallet page)."""

    def recorded(self, proposal: EngineProposal) -> Count | None:
        """The count as the chain holds it now; None when nothing is recorded yet (or no chain)."""

    def verify(self, proposal: EngineProposal) -> VerifyReport:
        """The record compared with the chain, item by item (PASS, PENDING or FAIL)."""

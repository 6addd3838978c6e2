"""The voting engine of each community, and the reading use cases every face shares on it.

A community follows an on-chain Governor (its votes are the Governor's, token-weighted) or votes
in Folkmoot's own ledger (one member, one vote). `engine()` chooses; /proposal show|list, /tally,
/summarize and /verify, the CLI, digests and reminders go through the same calls on either
(governance.services.engines.VotingEngine)."""

from __future__ import annotations

from governance.ai.results import AiResult
from governance.application.governor import Governors
from governance.domain import Actor, Support
from governance.domain.engines import Count, EngineProposal, ProposalHeading
from governance.domain.governor.delegation import RelayedBallot
from governance.domain.governor.views import GovernorProposal
from governance.services import governor_ballots
from governance.services.engines import GovernorEngine, LedgerEngine, VotingEngine
from governance.services.verification import VerifyReport
from governance.services.voting import VoteReceipt


class Engines(Governors):
    ballots_per_day: int = 10  # signed Governor ballots relayed per member per UTC day
    relay_daily_budget: int = 500  # every relay (ballots, delegations) per community per UTC day

    def engine(self, community_id: int) -> VotingEngine:
        if self.follows_governor(community_id):
            return GovernorEngine(self._require_governors(), self._relay_ballot)
        return LedgerEngine(self.uow, self.read_uow, self.clock, self.chain)

    def _relay_ballot(self, proposal: EngineProposal, actor: Actor, support: Support, reason: str | None,
                      signature: str) -> RelayedBallot:
        return governor_ballots.relay_ballot(
            self.uow, self.read_uow, self.clock, self._require_governors(), community_id=proposal.community_id,
            actor=actor, reference=proposal.engine_id, support=support, signature=signature, reason=reason,
            per_day=self.ballots_per_day, daily_budget=self.relay_daily_budget)

    def find_proposal(self, community_id: int, reference: str | int) -> EngineProposal:
        """A proposal of this community by its number ("3", "#3"; on a Governor also its id)."""
        return self.engine(community_id).proposal(community_id, reference)

    def engine_proposals(self, community_id: int, *, open_only: bool = False, limit: int = 25
                         ) -> list[EngineProposal]:
        return self.engine(community_id).proposals(community_id, open_only=open_only, limit=limit)

    def proposal_headings(self, community_id: int, *, open_only: bool = False, limit: int = 200
                          ) -> list[ProposalHeading]:
        """Numbers and titles only, fast enough for a member typing (autocomplete)."""
        return self.engine(community_id).headings(community_id, open_only=open_only, limit=limit)

    def cast(self, proposal: EngineProposal, actor: Actor, support: Support, reason: str | None = None,
             signature: str | None = None) -> VoteReceipt:
        """A vote through the proposal's engine: attested (the ledger; the bot batches these through
        vote_async instead), or a signed ballot relayed to the Governor (#14)."""
        return self.engine(proposal.community_id).vote(proposal, actor, support, reason, signature)

    def recorded_count(self, proposal: EngineProposal) -> Count | None:
        """What the chain holds now, in the engine's units."""
        return self.engine(proposal.community_id).recorded(proposal)

    def verify_proposal(self, proposal: EngineProposal) -> VerifyReport:
        return self.engine(proposal.community_id).verify(proposal)

    def summarize_proposal(self, proposal: EngineProposal) -> AiResult:
        """Blocking (run it on the inference worker). A Governor proposal's summary reads its
        decoded calls too; the faces show the calls and findings beside it."""
        if isinstance(proposal.detail, GovernorProposal):
            return self.summarize_governor(proposal.detail, proposal.community_id)
        return self.summarize(proposal.detail)

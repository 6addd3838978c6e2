"""Read-only views: what /proposal show, /tally and the digest display."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from governance.domain import Community, Outcome, Proposal, ProposalState, Tally, Vote
from governance.domain.identifiers import is_snowflake
from governance.domain.tally import QuorumKind, decide_outcome, quorum_reached
from governance.errors import CommunityNotFound
from governance.ports import UnitOfWork
from governance.services import lookup


@dataclass(frozen=True)
class TallyView:
    proposal: Proposal
    tally: Tally
    quorum_required: int
    threshold_bps: int

    @property
    def quorum_reached(self) -> bool:
        return quorum_reached(self.tally, self.quorum_required)

    @property
    def standing(self) -> Outcome:
        """The outcome if voting ended now (the final one once closed)."""
        return self.proposal.outcome or decide_outcome(self.tally, self.quorum_required, self.threshold_bps)

    def time_left(self, now: datetime):
        if self.proposal.deadline is None or self.proposal.state is not ProposalState.ACTIVE:
            return None
        return max(self.proposal.deadline - now, timedelta(0))


def show(uow: UnitOfWork, proposal_id: int) -> Proposal:
    with uow:
        return lookup.proposal(uow, proposal_id)


def list_proposals(
    uow: UnitOfWork, community_id: int | None = None, states: tuple[ProposalState, ...] = (),
    limit: int = 25,
) -> list[Proposal]:
    if community_id is not None and not is_snowflake(community_id):
        raise CommunityNotFound(community_id)
    with uow:
        return uow.proposals.list(community_id, states, max(1, min(limit, 500)))


def tally(uow: UnitOfWork, proposal_id: int) -> TallyView:
    with uow:
        proposal = lookup.proposal(uow, proposal_id)
        community = lookup.community(uow, proposal.community_id)
        return _view(proposal, community, proposal.final_tally or uow.votes.tally(proposal_id))


def tally_views(uow: UnitOfWork, loaded: list[Proposal]) -> list[TallyView]:
    """The views of proposals already loaded: their communities and counts in one read."""
    with uow:
        communities = {cid: lookup.community(uow, cid) for cid in {p.community_id for p in loaded}}
        counts = uow.votes.tallies([p.id for p in loaded if p.final_tally is None])
    return [_view(p, communities[p.community_id], p.final_tally or counts[p.id]) for p in loaded]


def _view(proposal: Proposal, community: Community, counted: Tally) -> TallyView:
    quorum = proposal.quorum_required
    if quorum is None:  # a draft: a count quorum is known already, a share one only at publishing
        quorum = community.quorum.value if community.quorum.kind is QuorumKind.COUNT else 0
    threshold = proposal.threshold_bps if proposal.threshold_bps is not None else community.threshold_bps
    return TallyView(proposal, counted, quorum, threshold)


def votes(uow: UnitOfWork, proposal_id: int) -> list[Vote]:
    with uow:
        lookup.proposal(uow, proposal_id)
        return uow.votes.list(proposal_id)

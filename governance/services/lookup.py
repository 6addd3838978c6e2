"""Loading what a use case names, or failing with the right user-safe error."""

from __future__ import annotations

from governance.domain import Community, Proposal
from governance.domain.identifiers import is_snowflake
from governance.errors import CommunityNotFound, ProposalNotFound
from governance.ports import UnitOfWork


def community(uow: UnitOfWork, community_id: int) -> Community:
    if not is_snowflake(community_id):  # beyond the id column: looking it up would be a database error
        raise CommunityNotFound(community_id)
    found = uow.communities.get(community_id)
    if found is None:
        raise CommunityNotFound(community_id)
    return found


def proposal(uow: UnitOfWork, proposal_id: int, *, for_update: bool = False,
             with_revisions: bool = True) -> Proposal:
    if not isinstance(proposal_id, int) or isinstance(proposal_id, bool) or proposal_id < 1:
        raise ProposalNotFound(proposal_id)
    if proposal_id > 2**31 - 1:  # beyond the id column; looking it up would be a database error
        raise ProposalNotFound(proposal_id)
    if for_update:
        found = uow.proposals.get_for_update(proposal_id)
    else:
        found = uow.proposals.get(proposal_id, with_revisions=with_revisions)
    if found is None:
        raise ProposalNotFound(proposal_id)
    return found

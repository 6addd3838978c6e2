"""Who may vote and who may end a proposal (issue 10, eligibility), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.domain import ProposalState, Support
from governance.errors import InvalidState, NotEligible
from tests.conftest import VOTER_ROLE, member

OTHER_ROLE = 777


def test_the_voter_role_is_frozen_at_publish(gov, community, admin, active):
    """Changing the voter role mid-vote does not change who may vote on a published proposal."""
    gov.configure(community.id, admin, eligible_role_id=OTHER_ROLE)
    gov.vote(active.id, member(1, VOTER_ROLE), Support.FOR)
    with pytest.raises(NotEligible):
        gov.vote(active.id, member(2, OTHER_ROLE), Support.FOR)
    assert gov.show(active.id).eligible_role_id == VOTER_ROLE
    later = gov.publish(gov.create_draft(community.id, member(3, OTHER_ROLE), "Later", "text").id,
                        member(3, OTHER_ROLE))
    gov.vote(later.id, member(2, OTHER_ROLE), Support.FOR)
    with pytest.raises(NotEligible):
        gov.vote(later.id, member(1, VOTER_ROLE), Support.FOR)


def test_withdraw_only_before_the_deadline(gov, active, clock):
    clock.advance(timedelta(days=3, seconds=1))
    with pytest.raises(InvalidState):
        gov.withdraw(active.id, member(0))
    assert gov.show(active.id).state is ProposalState.ACTIVE


def test_discard_only_discards_drafts(gov, draft, active, community):
    with pytest.raises(InvalidState):
        gov.discard(active.id, member(0))
    assert gov.show(active.id).state is ProposalState.ACTIVE
    other = gov.create_draft(community.id, member(0), "Other", "text")
    assert gov.discard(other.id, member(0)).state is ProposalState.WITHDRAWN

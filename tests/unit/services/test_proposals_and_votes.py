"""Proposals and votes, use case by use case, on the in-memory unit of work.

The use-case tests of tests/integration/test_use_cases.py and test_vote_properties.py run here too,
unchanged: imported, they run on this directory's `gov` (in memory) as well as on SQLite and
PostgreSQL there. The tests below need the in-memory store to look inside it.
"""

from __future__ import annotations

import pytest

from governance.domain import Support
from governance.domain.outbox import RecordKind
from governance.errors import NotAllowed
from governance.services import voting
from tests.conftest import member
from tests.integration.test_use_cases import (  # noqa: F401  (collected here as well)
    outbox_kinds,
    test_a_whole_round,
    test_change_and_its_outbox_record_commit_together,
    test_close_due_closes_only_expired,
    test_list_filters_by_state,
    test_only_eligible_members_vote,
    test_only_the_author_revises_or_publishes,
    test_oversize_reason_is_refused_and_nothing_written,
    test_revisions_keep_full_text_and_hash,
    test_unknown_proposal,
    test_withdrawn_proposal_refuses_votes,
)
from tests.integration.test_vote_properties import (  # noqa: F401
    test_simultaneous_first_votes_by_one_member_leave_one_vote,
    test_tally_equals_a_brute_force_recount,
)


def test_configure_is_audited(gov, community, admin, database):
    gov.configure(community.id, admin, quorum="20%", threshold_bps=6000)
    with pytest.raises(NotAllowed):
        gov.configure(community.id, member(3), threshold_bps=1)
    assert gov.community(community.id).threshold_bps == 6000
    actions = [(action, detail) for _, _, action, detail, _ in database.state.audit]
    assert [action for action, _ in actions] == ["setup", "configure"]
    assert actions[-1][1]["after"]["quorum"] == "20% of eligible members"


def test_ballots_cast_together_are_refused_one_by_one_and_committed_once(gov, active, community, clock, database):
    other = gov.publish(gov.create_draft(community.id, member(0), "Other", "text").id, member(0))
    ballots = [voting.Ballot(active.id, member(1), Support.FOR),
               voting.Ballot(active.id, member(2, 12345), Support.FOR),  # not a voter
               voting.Ballot(999, member(3), Support.FOR),  # no such proposal
               voting.Ballot(other.id, member(4), Support.AGAINST),
               voting.Ballot(active.id, member(1), Support.ABSTAIN)]  # a change in the same batch
    commits = database.commits
    results = voting.cast_votes(gov.uow(), clock, ballots)
    assert [type(r).__name__ for r in results] == [
        "VoteReceipt", "NotEligible", "ProposalNotFound", "VoteReceipt", "VoteReceipt"]
    assert results[4].previous is Support.FOR and database.commits == commits + 1
    assert [v.support for v in gov.votes(active.id)] == [Support.ABSTAIN]
    assert len([k for k in outbox_kinds(gov, active.id) if k is RecordKind.VOTE]) == 2  # both on-chain


def test_tally_views_count_loaded_proposals_without_reading_them_again(gov, community, active, database):
    gov.vote(active.id, member(1), Support.FOR)
    draft = gov.create_draft(community.id, member(0), "A draft", "text")
    database.state.proposals.clear()  # a view that read a proposal again would fail now
    views = gov.tally_views([active, draft])
    assert [v.tally.for_votes for v in views] == [1, 0] and [v.quorum_required for v in views] == [3, 3]

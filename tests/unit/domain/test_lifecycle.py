"""The proposal lifecycle as pure rules, with hypothesis for the deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.domain import Actor, Outcome, Proposal, ProposalState, Tally
from governance.errors import InvalidState, NotAllowed, VotingClosed, VotingStillOpen
from tests.conftest import START

PERIOD = timedelta(days=3)


def draft() -> Proposal:
    p = Proposal(community_id=1, author="discord:1", created_at=START, id=7)
    p.add_revision("Title", "Body", "discord:1", START)
    return p


def published() -> Proposal:
    p = draft()
    p.publish(START, PERIOD, quorum_required=2, threshold_bps=5000, eligible_count=None)
    return p


def test_revisions_number_upwards_and_identical_ones_are_refused():
    p = draft()
    p.add_revision("Title", "Body v2", "discord:1", START)
    assert [r.number for r in p.revisions] == [1, 2]
    with pytest.raises(InvalidState):
        p.add_revision("Title", "Body v2", "discord:1", START)


def test_only_drafts_can_be_revised_or_published():
    p = published()
    with pytest.raises(InvalidState):
        p.add_revision("Title", "new", "discord:1", START)
    with pytest.raises(InvalidState):
        p.publish(START, PERIOD, 1, 5000, None)


@given(st.integers(-10, 4 * 24 * 3600))
def test_votes_are_accepted_exactly_before_the_deadline(offset_seconds):
    p = published()
    now = START + timedelta(seconds=offset_seconds)
    if START <= now < START + PERIOD:
        p.require_open_for_votes(now)
    elif now >= START + PERIOD:
        with pytest.raises(VotingClosed):
            p.require_open_for_votes(now)


def test_close_only_after_the_deadline_and_only_once():
    p = published()
    with pytest.raises(VotingStillOpen):
        p.close(START + PERIOD - timedelta(seconds=1), Tally(2, 0, 0))
    assert p.close(START + PERIOD, Tally(2, 0, 0)) is Outcome.PASSED
    assert p.state is ProposalState.CLOSED
    with pytest.raises(InvalidState):
        p.close(START + PERIOD, Tally(2, 0, 0))


def test_withdrawn_proposals_take_no_votes():
    p = published()
    p.withdraw(START)
    with pytest.raises(VotingClosed):
        p.require_open_for_votes(START)


def test_only_author_or_admin_edits():
    p = draft()
    p.require_editor(Actor("discord:1"))
    p.require_editor(Actor("discord:2", is_admin=True))
    with pytest.raises(NotAllowed):
        p.require_editor(Actor("discord:2"))

"""Property tests through the real service layer and database (SQLite and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.domain import Support, Tally
from tests.conftest import member

pytestmark = pytest.mark.integration

casts = st.lists(st.tuples(st.integers(0, 12), st.sampled_from(list(Support))), max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=casts)
def test_tally_equals_a_brute_force_recount(gov, community, sequence):
    p = gov.publish(gov.create_draft(community.id, member(0), "P", "text").id, member(0))
    last: dict[int, Support] = {}
    for voter, support in sequence:
        voters_before = gov.tally(p.id).tally.participants
        receipt = gov.vote(p.id, member(voter), support)
        last[voter] = support
        participants = gov.tally(p.id).tally.participants
        assert participants == len(last)
        if receipt.changed:  # changing a vote never changes the number of voters
            assert participants == voters_before
    assert gov.tally(p.id).tally == Tally.of(last.values())


def test_simultaneous_first_votes_by_one_member_leave_one_vote(gov, active):
    supports = [Support.FOR, Support.AGAINST] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda s: gov.vote(active.id, member(7), s), supports))
    assert gov.tally(active.id).tally.participants == 1
    assert len(gov.votes(active.id)) == 1

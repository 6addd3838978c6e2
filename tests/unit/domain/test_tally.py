"""Counting rules: quorum counts everyone, the threshold only For vs Against."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.domain import Outcome, QuorumKind, QuorumRule, Support, Tally, decide_outcome
from governance.errors import InvalidInput

tallies = st.builds(Tally, st.integers(0, 500), st.integers(0, 500), st.integers(0, 500))


@pytest.mark.parametrize(
    ("tally", "quorum", "threshold", "expected"),
    [
        (Tally(3, 2, 0), 5, 5000, Outcome.PASSED),
        (Tally(2, 2, 1), 5, 5000, Outcome.REJECTED),  # a tie does not pass
        (Tally(3, 1, 0), 5, 5000, Outcome.NO_QUORUM),
        (Tally(1, 0, 4), 5, 5000, Outcome.PASSED),  # abstentions reach quorum, do not decide
        (Tally(0, 0, 5), 5, 5000, Outcome.REJECTED),  # nobody for: nothing to pass
        (Tally(2, 1, 0), 3, 6667, Outcome.REJECTED),  # 66.66 % is not more than 66.67 %
        (Tally(3, 1, 0), 3, 6667, Outcome.PASSED),
        (Tally(0, 0, 0), 0, 5000, Outcome.REJECTED),
    ],
)
def test_outcome_table(tally, quorum, threshold, expected):
    assert decide_outcome(tally, quorum, threshold) is expected


@given(tallies, st.integers(0, 1500), st.integers(0, 9999))
def test_abstaining_never_flips_a_decided_result(tally, quorum, threshold):
    before = decide_outcome(tally, quorum, threshold)
    after = decide_outcome(Tally(tally.for_votes, tally.against_votes, tally.abstain_votes + 1), quorum, threshold)
    if before is not Outcome.NO_QUORUM:
        assert after is before


@given(tallies, st.integers(0, 1500), st.integers(0, 9999))
def test_one_more_for_vote_never_turns_a_pass_into_a_rejection(tally, quorum, threshold):
    if decide_outcome(tally, quorum, threshold) is Outcome.PASSED:
        more = Tally(tally.for_votes + 1, tally.against_votes, tally.abstain_votes)
        assert decide_outcome(more, quorum, threshold) is Outcome.PASSED


@given(st.lists(st.sampled_from(list(Support))))
def test_tally_of_counts_each_choice(supports):
    tally = Tally.of(supports)
    assert tally.participants == len(supports)
    for choice in Support:
        assert tally.count(choice) == supports.count(choice)


@pytest.mark.parametrize(
    ("text", "eligible", "required"),
    [("25", None, 25), ("20%", 101, 21), ("40%", 25, 10), ("0%", 10, 0), ("100%", 7, 7)],
)
def test_quorum_rules(text, eligible, required):
    assert QuorumRule.parse(text).required(eligible) == required


@pytest.mark.parametrize("bad", ["", "abc", "-3", "150%", "1e999%"])
def test_bad_quorum_is_refused(bad):
    with pytest.raises(InvalidInput):
        QuorumRule.parse(bad)


def test_share_quorum_needs_the_eligible_count():
    with pytest.raises(InvalidInput):
        QuorumRule(QuorumKind.SHARE, 2000).required(None)

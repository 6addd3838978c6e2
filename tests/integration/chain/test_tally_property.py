"""Property: whatever the casts, changes and batch splits, tally and outcome equal a recount."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .backends import pyevm_chain
from .helpers import (
    REGISTERED_VOTERS,
    deploy_ledger,
    expected_outcome,
    open_proposal,
    proposal_key,
    record_votes,
    roles_of,
    sample_voter_ids,
    send,
    tally,
)

pytestmark = pytest.mark.integration

# Indices near word edges (127/128, 255/256) and a few in between, so batches cross bitmap words
# and voters recur often enough to exercise changes.
VOTERS = st.sampled_from([1, 2, 3, 64, 127, 128, 129, 200, 255, 256, REGISTERED_VOTERS])
CAST = st.tuples(VOTERS, st.integers(0, 2))
BATCHES = st.lists(st.lists(CAST, min_size=1, max_size=12), min_size=1, max_size=4)
_keys = itertools.count()


@pytest.fixture(scope="module")
def setup():
    chain = pyevm_chain()
    roles = roles_of(chain.accounts)
    ledger = deploy_ledger(chain.w3, roles)
    send(ledger.functions.registerVoters(sample_voter_ids(REGISTERED_VOTERS)), roles.recorder)
    return chain, roles, ledger


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batches=BATCHES,
    quorum=st.integers(0, 8),
    threshold_bps=st.sampled_from([0, 5000, 6667, 10_000]),
)
def test_tally_and_outcome_equal_a_python_recount(setup, batches, quorum, threshold_bps):
    chain, roles, ledger = setup
    key = proposal_key(f"property {next(_keys)}")
    deadline = chain.now() + 3600
    open_proposal(
        ledger, roles.recorder, key, deadline=deadline, quorum=quorum, threshold_bps=threshold_bps
    )

    final: dict[int, int] = {}
    for batch in batches:
        record_votes(ledger, roles.recorder, key, batch)
        final.update(batch)  # the last cast per voter wins, within and across batches
    counts = tuple(sum(1 for s in final.values() if s == support) for support in (0, 1, 2))
    assert tally(ledger, key) == counts
    for voter, support in final.items():
        assert tuple(ledger.functions.ballotOf(key, voter).call()) == (True, support)

    chain.travel_to(deadline + 1)
    send(ledger.functions.closeProposal(key), roles.recorder)
    assert ledger.functions.proposalOf(key).call()[4] == expected_outcome(
        quorum, threshold_bps, *counts
    )

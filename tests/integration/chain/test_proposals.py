"""Opening and closing proposals, the deadline, and the stored outcome."""

import pytest
from eth_utils import keccak

from .helpers import (
    ABSTAIN,
    AGAINST,
    FOR,
    GRACE,
    NO_QUORUM,
    PASSED,
    PENDING,
    REJECTED,
    expected_outcome,
    open_proposal,
    proposal_key,
    record_votes,
    send,
)
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("proposals")


def votes_of(against=0, for_=0, abstain=0):
    supports = [AGAINST] * against + [FOR] * for_ + [ABSTAIN] * abstain
    return [(index, support) for index, support in enumerate(supports, start=1)]


def test_opening_stores_the_rules(ledger, roles, chain):
    deadline = chain.now() + 3600
    receipt = send(
        ledger.functions.openProposal(KEY, keccak(b"final"), deadline, 7, 6000), roles.recorder
    )
    assert ledger.functions.proposalOf(KEY).call() == (
        keccak(b"final"),
        deadline,
        7,
        6000,
        PENDING,
        0,
        0,
        0,
    )
    (event,) = ledger.events.ProposalOpened().process_receipt(receipt)
    assert (event.args.deadline, event.args.quorum, event.args.thresholdBps) == (deadline, 7, 6000)


def test_opening_rejects_bad_rules_and_reopening(ledger, roles, chain):
    now = chain.now()
    with expect_revert(ledger, "LedgerInvalidThreshold", 10_001):
        open_proposal(ledger, roles.recorder, KEY, deadline=now + 3600, threshold_bps=10_001)
    open_proposal(ledger, roles.recorder, KEY, deadline=now + 3600)
    with expect_revert(ledger, "LedgerProposalAlreadyOpened", KEY):
        open_proposal(ledger, roles.recorder, KEY, deadline=now + 3600)


def test_only_the_recorder_opens(ledger, roles, chain):
    with expect_revert(ledger, "AccessControlUnauthorizedAccount"):
        open_proposal(ledger, roles.stranger, KEY, deadline=chain.now() + 3600)


def test_votes_on_an_unopened_proposal_revert(ledger, roles):
    with expect_revert(ledger, "LedgerProposalNotOpened", KEY):
        record_votes(ledger, roles.recorder, KEY, [(1, FOR)])


def test_closing_before_or_at_the_deadline_reverts(ledger, roles, chain):
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    for closer in (roles.stranger, roles.recorder):
        with expect_revert(ledger, "LedgerVotingStillOpen", KEY, deadline):
            send(ledger.functions.closeProposal(KEY), closer)
    chain.travel_to(deadline)
    for closer in (roles.stranger, roles.recorder):
        with expect_revert(ledger, "LedgerVotingStillOpen", KEY, deadline):
            send(ledger.functions.closeProposal(KEY), closer)


def test_closing_an_unopened_or_closed_proposal_reverts(ledger, roles, chain):
    with expect_revert(ledger, "LedgerProposalNotOpened", KEY):
        send(ledger.functions.closeProposal(KEY), roles.stranger)
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    chain.travel_to(deadline + 1)
    send(ledger.functions.closeProposal(KEY), roles.recorder)
    for closer in (roles.recorder, roles.stranger):
        with expect_revert(ledger, "LedgerProposalAlreadyClosed", KEY, REJECTED):
            send(ledger.functions.closeProposal(KEY), closer)


@pytest.mark.parametrize(
    ("quorum", "threshold_bps", "against", "for_", "abstain", "outcome"),
    [
        pytest.param(3, 5000, 1, 3, 0, PASSED, id="passed"),
        pytest.param(3, 5000, 2, 1, 0, REJECTED, id="rejected"),
        pytest.param(5, 5000, 0, 4, 0, NO_QUORUM, id="no-quorum"),
        pytest.param(4, 5000, 2, 2, 0, REJECTED, id="tie"),
        pytest.param(3, 5000, 0, 0, 3, REJECTED, id="all-abstain"),
        pytest.param(3, 5000, 0, 1, 2, PASSED, id="abstentions-make-quorum"),
        pytest.param(3, 6667, 1, 2, 0, REJECTED, id="two-thirds-missed"),
        pytest.param(4, 6667, 1, 3, 0, PASSED, id="two-thirds-met"),
        pytest.param(0, 5000, 0, 0, 0, REJECTED, id="nobody-voted-no-quorum-needed"),
        pytest.param(1, 0, 0, 0, 1, REJECTED, id="zero-threshold-needs-a-for"),
        pytest.param(1, 0, 5, 1, 0, PASSED, id="zero-threshold-one-for"),
    ],
)
def test_closing_stores_and_emits_the_outcome(
    ledger, roles, chain, quorum, threshold_bps, against, for_, abstain, outcome
):
    assert expected_outcome(quorum, threshold_bps, against, for_, abstain) == outcome
    deadline = chain.now() + 3600
    open_proposal(
        ledger, roles.recorder, KEY, deadline=deadline, quorum=quorum, threshold_bps=threshold_bps
    )
    if against + for_ + abstain:
        record_votes(ledger, roles.recorder, KEY, votes_of(against, for_, abstain))
    chain.travel_to(deadline + GRACE + 1)

    receipt = send(ledger.functions.closeProposal(KEY), roles.stranger)  # anyone, after the grace

    (event,) = ledger.events.ProposalClosed().process_receipt(receipt)
    assert event.args.outcome == outcome
    assert (event.args.againstVotes, event.args.forVotes, event.args.abstainVotes) == (
        against,
        for_,
        abstain,
    )
    assert ledger.functions.proposalOf(KEY).call()[4] == outcome

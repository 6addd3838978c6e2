"""The attestation grace: the recorder's votes may land after the deadline, and only it may close early."""

import pytest

from .helpers import (
    AGAINST,
    FOR,
    GRACE,
    MAX_GRACE,
    PASSED,
    REJECTED,
    deploy_ledger,
    open_proposal,
    proposal_key,
    record_votes,
    send,
    tally,
)
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("attestation grace")


@pytest.fixture
def deadline(ledger, roles, chain):
    """An open proposal's deadline, an hour away."""
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    return deadline


def outcome(ledger):
    return ledger.functions.proposalOf(KEY).call()[4]


def test_the_grace_is_fixed_at_deployment(ledger):
    assert ledger.functions.attestationGrace().call() == GRACE
    assert ledger.functions.MAX_ATTESTATION_GRACE().call() == MAX_GRACE


def test_attested_votes_land_during_the_grace_and_not_after(ledger, roles, chain, deadline):
    chain.travel_to(deadline + 1)
    record_votes(ledger, roles.recorder, KEY, [(1, FOR)])
    chain.travel_to(deadline + GRACE)  # the last second of the window
    record_votes(ledger, roles.recorder, KEY, [(2, FOR), (1, AGAINST)])
    assert tally(ledger, KEY) == (1, 1, 0)

    chain.travel_to(deadline + GRACE + 1)
    with expect_revert(ledger, "LedgerAttestationWindowClosed", KEY, deadline + GRACE):
        record_votes(ledger, roles.recorder, KEY, [(3, FOR)])
    assert tally(ledger, KEY) == (1, 1, 0)


def test_the_recorder_closes_right_after_the_deadline_with_the_late_votes(
    ledger, roles, chain, deadline
):
    chain.travel_to(deadline + 1)
    record_votes(ledger, roles.recorder, KEY, [(1, FOR), (2, FOR), (3, AGAINST)])
    receipt = send(ledger.functions.closeProposal(KEY), roles.recorder)

    (event,) = ledger.events.ProposalClosed().process_receipt(receipt)
    assert (event.args.outcome, event.args.forVotes, event.args.againstVotes) == (PASSED, 2, 1)
    assert outcome(ledger) == PASSED
    # Closed, the window no longer matters: late votes are refused by name.
    with expect_revert(ledger, "LedgerProposalAlreadyClosed", KEY, PASSED):
        record_votes(ledger, roles.recorder, KEY, [(4, AGAINST)])
    assert tally(ledger, KEY) == (1, 2, 0)


def test_others_close_only_after_the_grace(ledger, roles, chain, deadline):
    for moment in (deadline + 1, deadline + GRACE):
        chain.travel_to(moment)
        for closer in (roles.stranger, roles.admin):  # the admin manages roles, it does not record
            with expect_revert(ledger, "LedgerAttestationWindowOpen", KEY, deadline + GRACE):
                send(ledger.functions.closeProposal(KEY), closer)
    record_votes(ledger, roles.recorder, KEY, [(1, AGAINST)])  # still accepted meanwhile

    chain.travel_to(deadline + GRACE + 1)
    send(ledger.functions.closeProposal(KEY), roles.stranger)
    assert outcome(ledger) == REJECTED


def test_a_zero_grace_ends_attestation_at_the_deadline(ledger, chain, roles):
    # `ledger` only for its snapshot: the deployment and the clock move are undone afterwards.
    ledger = deploy_ledger(chain.w3, roles, grace=0)
    assert ledger.functions.attestationGrace().call() == 0
    send(ledger.functions.registerVoters([b"\x01" * 32]), roles.recorder)
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    chain.travel_to(deadline)
    record_votes(ledger, roles.recorder, KEY, [(1, FOR)])
    chain.travel_to(deadline + 1)
    with expect_revert(ledger, "LedgerAttestationWindowClosed", KEY, deadline):
        record_votes(ledger, roles.recorder, KEY, [(1, AGAINST)])
    send(ledger.functions.closeProposal(KEY), roles.stranger)  # anyone, right after the deadline
    assert outcome(ledger) == PASSED


def test_the_grace_is_bounded_at_deployment(ledger, chain, roles):
    ledger = deploy_ledger(chain.w3, roles, grace=MAX_GRACE)
    assert ledger.functions.attestationGrace().call() == MAX_GRACE
    with expect_revert(ledger, "LedgerInvalidAttestationGrace", MAX_GRACE + 1, MAX_GRACE):
        deploy_ledger(chain.w3, roles, grace=MAX_GRACE + 1)


def test_a_deadline_at_the_uint64_limit_does_not_overflow_the_window(ledger, roles):
    open_proposal(ledger, roles.recorder, KEY, deadline=2**64 - 1)
    record_votes(ledger, roles.recorder, KEY, [(1, FOR)])
    assert tally(ledger, KEY) == (0, 1, 0)

"""Withdrawing a published proposal: recorder only, while pending; nothing counts or closes afterwards."""

import pytest
from eth_account import Account
from eth_utils import keccak

from governance.adapters.chain.eip712 import sign_ballot

from .helpers import (
    AGAINST,
    FOR,
    GRACE,
    PASSED,
    PENDING,
    WITHDRAWN,
    open_proposal,
    proposal_key,
    record_votes,
    send,
    tally,
)
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("withdrawal")
WALLET = Account.from_key(keccak(b"withdrawal test wallet"))


@pytest.fixture
def deadline(ledger, roles, chain):
    """An open proposal with two votes; its deadline is an hour away."""
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    record_votes(ledger, roles.recorder, KEY, [(1, FOR), (2, AGAINST)])
    return deadline


def withdraw(ledger, sender):
    return send(ledger.functions.withdrawProposal(KEY), sender)


def outcome(ledger):
    return ledger.functions.proposalOf(KEY).call()[4]


def test_the_recorder_withdraws_a_pending_proposal(ledger, roles, deadline):
    assert outcome(ledger) == PENDING
    receipt = withdraw(ledger, roles.recorder)
    (event,) = ledger.events.ProposalWithdrawn().process_receipt(receipt)
    assert event.args.proposalKey == KEY
    assert outcome(ledger) == WITHDRAWN
    assert tally(ledger, KEY) == (1, 1, 0)  # kept as it stood


def test_only_the_recorder_withdraws(ledger, roles, deadline):
    role = ledger.functions.RECORDER_ROLE().call()
    for sender in (roles.stranger, roles.admin):
        with expect_revert(ledger, "AccessControlUnauthorizedAccount", sender, role):
            withdraw(ledger, sender)
    assert outcome(ledger) == PENDING


def test_an_unopened_proposal_cannot_be_withdrawn(ledger, roles):
    with expect_revert(ledger, "LedgerProposalNotOpened", KEY):
        withdraw(ledger, roles.recorder)


def test_a_closed_or_withdrawn_proposal_cannot_be_withdrawn(ledger, roles, chain, deadline):
    withdraw(ledger, roles.recorder)
    with expect_revert(ledger, "LedgerProposalAlreadyClosed", KEY, WITHDRAWN):
        withdraw(ledger, roles.recorder)

    other = proposal_key("withdrawal, closed first")
    open_proposal(ledger, roles.recorder, other, deadline=deadline)
    record_votes(ledger, roles.recorder, other, [(1, FOR)])
    chain.travel_to(deadline + 1)
    send(ledger.functions.closeProposal(other), roles.recorder)
    with expect_revert(ledger, "LedgerProposalAlreadyClosed", other, PASSED):
        send(ledger.functions.withdrawProposal(other), roles.recorder)


def test_withdrawal_after_the_deadline_is_allowed_while_pending(ledger, roles, chain, deadline):
    chain.travel_to(deadline + GRACE + 1)  # even past the grace, as long as nobody closed it
    withdraw(ledger, roles.recorder)
    assert outcome(ledger) == WITHDRAWN


def test_after_withdrawal_votes_and_closing_revert(ledger, roles, chain, deadline):
    send(ledger.functions.linkWallet(WALLET.address, 3), roles.recorder)
    ballot = ledger.functions.castVoteBySig(
        KEY,
        FOR,
        WALLET.address,
        0,
        deadline,
        sign_ballot(
            WALLET,
            chain_id=chain.w3.eth.chain_id,
            ledger=ledger.address,
            proposal_key=KEY,
            support=FOR,
            voter=WALLET.address,
            nonce=0,
            deadline=deadline,
        ),
    )
    withdraw(ledger, roles.recorder)

    with expect_revert(ledger, "LedgerProposalAlreadyClosed", KEY, WITHDRAWN):
        record_votes(ledger, roles.recorder, KEY, [(3, FOR)])
    with expect_revert(ledger, "LedgerProposalAlreadyClosed", KEY, WITHDRAWN):
        send(ballot, roles.relayer)
    chain.travel_to(deadline + 1)
    with expect_revert(ledger, "LedgerProposalAlreadyClosed", KEY, WITHDRAWN):
        send(ledger.functions.closeProposal(KEY), roles.recorder)
    chain.travel_to(deadline + GRACE + 1)
    with expect_revert(ledger, "LedgerProposalAlreadyClosed", KEY, WITHDRAWN):
        send(ledger.functions.closeProposal(KEY), roles.stranger)
    assert outcome(ledger) == WITHDRAWN
    assert tally(ledger, KEY) == (1, 1, 0)

"""An opening relayed after its deadline (the relayer or its node was down) still lands within the grace."""

import pytest
from eth_account import Account
from eth_utils import keccak

from governance.adapters.chain.signed_ballots import sign

from .helpers import (
    AGAINST,
    FOR,
    GRACE,
    PASSED,
    REJECTED,
    open_proposal,
    proposal_key,
    record_votes,
    send,
    tally,
)
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("opened late")
WALLET = Account.from_key(keccak(b"late opening wallet"))


@pytest.fixture
def deadline(chain):
    """A deadline one minute from now, which the opening will miss."""
    return chain.now() + 60


def test_an_opening_after_the_deadline_keeps_it_and_the_recorder_finishes_the_vote(
    ledger, roles, chain, deadline
):
    chain.travel_to(deadline + 60)  # a one-minute vote, a one-minute outage
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    assert ledger.functions.proposalOf(KEY).call()[1] == deadline  # the original deadline

    record_votes(ledger, roles.recorder, KEY, [(1, FOR), (2, FOR), (3, AGAINST)])
    receipt = send(ledger.functions.closeProposal(KEY), roles.recorder)
    (event,) = ledger.events.ProposalClosed().process_receipt(receipt)
    assert (event.args.outcome, event.args.forVotes, event.args.againstVotes) == (PASSED, 2, 1)


def test_wallet_ballots_are_refused_on_a_late_opened_proposal(ledger, roles, chain, deadline):
    send(ledger.functions.linkWallet(WALLET.address, 7), roles.recorder)
    chain.travel_to(deadline + 60)
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    ballot = sign(
        WALLET,
        chain_id=chain.w3.eth.chain_id,
        ledger=ledger.address,
        proposal_key=KEY,
        support=FOR,
        voter=WALLET.address,
        nonce=0,
        deadline=deadline + GRACE,
    )
    with expect_revert(ledger, "LedgerVotingClosed", KEY, deadline):
        send(ledger.functions.castVoteBySig(*ballot.as_abi()), roles.relayer)
    receipt = send(ledger.functions.castVotesBySig([ballot.as_abi()]), roles.relayer)
    (skipped,) = ledger.events.SignedBallotSkipped().process_receipt(receipt)
    assert skipped.args.position == 0 and skipped.args.wallet == WALLET.address
    assert tally(ledger, KEY) == (0, 0, 0)
    assert ledger.functions.nonces(WALLET.address).call() == 0


def test_an_opening_lands_up_to_the_last_second_of_the_grace(ledger, roles, chain, deadline):
    chain.travel_to(deadline + GRACE)
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    assert ledger.functions.proposalOf(KEY).call()[1] == deadline
    # After that second nothing more can be attested, and anyone may close it (no votes: rejected).
    chain.travel_to(deadline + GRACE + 1)
    with expect_revert(ledger, "LedgerAttestationWindowClosed", KEY, deadline + GRACE):
        record_votes(ledger, roles.recorder, KEY, [(1, AGAINST)])
    send(ledger.functions.closeProposal(KEY), roles.stranger)
    assert ledger.functions.proposalOf(KEY).call()[4] == REJECTED


def test_an_opening_after_the_grace_reverts_with_the_window(ledger, roles, chain, deadline):
    chain.travel_to(deadline + GRACE + 1)
    with expect_revert(ledger, "LedgerOpeningTooLate", KEY, deadline, deadline + GRACE):
        open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    assert ledger.functions.proposalOf(KEY).call()[1] == 0  # never opened


def test_a_zero_deadline_never_opens(ledger, roles):
    with expect_revert(ledger, "LedgerOpeningTooLate", KEY, 0, GRACE):
        open_proposal(ledger, roles.recorder, KEY, deadline=0)

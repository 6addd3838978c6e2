"""EIP-712 ballots from linked wallets (EOA and ERC-1271), relayed by anyone."""

import pytest
from eth_account import Account
from eth_utils import keccak

from governance.adapters.chain.eip712 import sign_ballot

from .helpers import (
    AGAINST,
    FOR,
    GRACE,
    deploy,
    open_proposal,
    proposal_key,
    record_votes,
    send,
    tally,
)
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("signed")
VOTER_INDEX = 10
OWNER = Account.from_key(keccak(b"wallet owner key"))
INTRUDER = Account.from_key(keccak(b"someone else's key"))


@pytest.fixture
def setup(ledger, roles, chain):
    """An open proposal and OWNER's EOA linked to voter 10; returns a ballot signer."""
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    send(ledger.functions.linkWallet(OWNER.address, VOTER_INDEX), roles.recorder)

    def ballot(
        support=FOR, *, voter=OWNER.address, signer=OWNER, nonce=None, expiry=None, **domain
    ):
        fields = {
            "chain_id": domain.get("chain_id", chain.w3.eth.chain_id),
            "ledger": domain.get("ledger", ledger.address),
            "proposal_key": KEY,
            "support": support,
            "voter": voter,
            "nonce": ledger.functions.nonces(voter).call() if nonce is None else nonce,
            "deadline": deadline if expiry is None else expiry,
        }
        signature = sign_ballot(signer, **fields)
        return ledger.functions.castVoteBySig(
            KEY, support, voter, fields["nonce"], fields["deadline"], signature
        )

    return ballot


def test_a_signed_ballot_relayed_by_anyone_counts(ledger, roles, setup):
    receipt = send(setup(FOR), roles.relayer)
    assert tally(ledger, KEY) == (0, 1, 0)
    assert tuple(ledger.functions.ballotOf(KEY, VOTER_INDEX).call()) == (True, FOR)
    assert ledger.functions.nonces(OWNER.address).call() == 1
    (event,) = ledger.events.VoteCast().process_receipt(receipt)
    assert (event.args.wallet, event.args.voterIndex, event.args.support) == (
        OWNER.address,
        VOTER_INDEX,
        FOR,
    )


def test_wallet_and_discord_votes_share_the_voters_one_slot(ledger, roles, setup):
    record_votes(ledger, roles.recorder, KEY, [(VOTER_INDEX, FOR)])
    send(setup(AGAINST), roles.relayer)
    assert tally(ledger, KEY) == (1, 0, 0)
    record_votes(ledger, roles.recorder, KEY, [(VOTER_INDEX, FOR)])
    assert tally(ledger, KEY) == (0, 1, 0)


def test_a_replayed_ballot_reverts(ledger, roles, setup):
    replay = setup(FOR)
    send(replay, roles.relayer)
    with expect_revert(ledger, "InvalidAccountNonce", OWNER.address, 1):
        send(replay, roles.relayer)


def test_a_wrong_nonce_reverts(ledger, roles, setup):
    with expect_revert(ledger, "InvalidAccountNonce", OWNER.address, 0):
        send(setup(FOR, nonce=5), roles.relayer)


def test_an_expired_ballot_reverts(ledger, roles, chain, setup):
    expiry = chain.now() + 60
    chain.travel_to(expiry + 1)
    with expect_revert(ledger, "LedgerExpiredSignature", expiry):
        send(setup(FOR, expiry=expiry), roles.relayer)


def test_a_ballot_counts_up_to_the_proposal_deadline_second(ledger, roles, chain, setup):
    deadline = ledger.functions.proposalOf(KEY).call()[1]
    chain.travel_to(deadline)
    send(setup(FOR, expiry=deadline + 100), roles.relayer)
    assert tally(ledger, KEY) == (0, 1, 0)


def test_a_ballot_after_the_proposal_deadline_reverts_even_within_the_grace(
    ledger, roles, chain, setup
):
    deadline = ledger.functions.proposalOf(KEY).call()[1]
    for moment in (deadline + 1, deadline + GRACE):
        chain.travel_to(moment)
        with expect_revert(ledger, "LedgerVotingClosed", KEY, deadline):
            send(setup(FOR, expiry=deadline + GRACE + 100), roles.relayer)
    # At the same moment the recorder's attested vote for that voter is still accepted.
    record_votes(ledger, roles.recorder, KEY, [(VOTER_INDEX, AGAINST)])
    assert tally(ledger, KEY) == (1, 0, 0)


@pytest.mark.parametrize(
    "domain",
    [
        pytest.param({"chain_id": 1}, id="other-chain"),
        pytest.param({"ledger": "0x" + "11" * 20}, id="other-ledger"),
    ],
)
def test_a_ballot_for_another_domain_reverts(ledger, roles, setup, domain):
    with expect_revert(ledger, "LedgerInvalidSignature", OWNER.address):
        send(setup(FOR, **domain), roles.relayer)


def test_a_ballot_signed_by_another_key_reverts(ledger, roles, setup):
    with expect_revert(ledger, "LedgerInvalidSignature", OWNER.address):
        send(setup(FOR, signer=INTRUDER), roles.relayer)
    assert ledger.functions.nonces(OWNER.address).call() == 0  # the failed call consumed nothing


def test_an_unlinked_wallet_cannot_vote(ledger, roles, setup):
    with expect_revert(ledger, "LedgerWalletNotLinked", INTRUDER.address):
        send(setup(FOR, voter=INTRUDER.address, signer=INTRUDER), roles.relayer)
    send(ledger.functions.unlinkWallet(OWNER.address), roles.recorder)
    with expect_revert(ledger, "LedgerWalletNotLinked", OWNER.address):
        send(setup(FOR), roles.relayer)


def test_unlinking_keeps_and_advances_the_nonce(ledger, roles, setup):
    send(setup(FOR), roles.relayer)  # counted with nonce 0
    counted = setup(FOR, nonce=0)  # the same ballot, for a replay later
    signed_before_unlink = setup(AGAINST)  # nonce 1, never relayed
    send(ledger.functions.unlinkWallet(OWNER.address), roles.recorder)
    assert ledger.functions.walletVoterIndex(OWNER.address).call() == 0
    assert ledger.functions.nonces(OWNER.address).call() == 2
    with expect_revert(ledger, "LedgerWalletNotLinked", OWNER.address):
        send(signed_before_unlink, roles.relayer)

    send(ledger.functions.linkWallet(OWNER.address, VOTER_INDEX + 1), roles.recorder)
    assert ledger.functions.nonces(OWNER.address).call() == 2  # linking never resets it
    for stale in (counted, signed_before_unlink):  # neither counts under the new link
        with expect_revert(ledger, "InvalidAccountNonce", OWNER.address, 2):
            send(stale, roles.relayer)
    send(setup(AGAINST), roles.relayer)
    assert tuple(ledger.functions.ballotOf(KEY, VOTER_INDEX + 1).call()) == (True, AGAINST)
    assert tally(ledger, KEY) == (1, 1, 0)  # voter 10's earlier ballot stays voter 10's


def test_support_three_is_invalid(ledger, roles, setup):
    with expect_revert(ledger, "LedgerInvalidSupport", VOTER_INDEX, 3):
        send(setup(3), roles.relayer)


def test_an_erc1271_contract_wallet_votes(ledger, roles, chain, setup):
    wallet = deploy(chain.w3, "MockERC1271Wallet", OWNER.address, sender=roles.stranger).address
    send(ledger.functions.linkWallet(wallet, VOTER_INDEX + 1), roles.recorder)
    with expect_revert(ledger, "LedgerInvalidSignature", wallet):
        send(setup(FOR, voter=wallet, signer=INTRUDER), roles.relayer)
    send(setup(AGAINST, voter=wallet, signer=OWNER), roles.relayer)
    assert tuple(ledger.functions.ballotOf(KEY, VOTER_INDEX + 1).call()) == (True, AGAINST)


def test_linking_rules(ledger, roles, setup):
    assert ledger.functions.walletVoterIndex(OWNER.address).call() == VOTER_INDEX
    with expect_revert(ledger, "LedgerWalletAlreadyLinked", OWNER.address, VOTER_INDEX):
        send(ledger.functions.linkWallet(OWNER.address, VOTER_INDEX + 1), roles.recorder)
    with expect_revert(ledger, "LedgerUnknownVoter", 0):
        send(ledger.functions.linkWallet(INTRUDER.address, 0), roles.recorder)
    with expect_revert(ledger, "LedgerUnknownVoter", 10_000):
        send(ledger.functions.linkWallet(INTRUDER.address, 10_000), roles.recorder)
    with expect_revert(ledger, "LedgerWalletNotLinked", INTRUDER.address):
        send(ledger.functions.unlinkWallet(INTRUDER.address), roles.recorder)
    with expect_revert(ledger, "AccessControlUnauthorizedAccount"):
        send(ledger.functions.linkWallet(INTRUDER.address, 1), roles.stranger)
    receipt = send(ledger.functions.unlinkWallet(OWNER.address), roles.recorder)
    (event,) = ledger.events.WalletUnlinked().process_receipt(receipt)
    assert (event.args.wallet, event.args.voterIndex) == (OWNER.address, VOTER_INDEX)

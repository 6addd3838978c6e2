"""castVotesBySig: a batch of wallet-signed ballots; refused ones are skipped with their reason, the rest count."""

import pytest
from eth_account import Account
from eth_utils import keccak
from web3.logs import DISCARD

from governance.adapters.chain.signed_ballots import (
    CountedBallot,
    SignedBallot,
    batch_arguments,
    sign,
    skipped_from,
    unpack_counted,
)

from .helpers import (
    ABSTAIN,
    AGAINST,
    FOR,
    GRACE,
    PASSED,
    WITHDRAWN,
    deploy,
    open_proposal,
    proposal_key,
    record_votes,
    send,
    tally,
)
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("batched signed ballots")
OTHER_KEY = proposal_key("another proposal")
# Members' wallets A, B, C linked to voters 10, 11, 140 (140 is in the second bitmap word).
A, B, C = (Account.from_key(keccak(text=f"batch wallet {n}")) for n in "ABC")
INDEX = {A.address: 10, B.address: 11, C.address: 140}
STRANGER_KEY = Account.from_key(keccak(b"not linked to anyone"))


class Wallets:
    """Signs ballots for the test's ledger and proposal, and relays batches of them."""

    def __init__(self, ledger, chain, roles, deadline):
        self.ledger, self.chain, self.roles, self.deadline = ledger, chain, roles, deadline

    def nonce(self, wallet: str) -> int:
        return self.ledger.functions.nonces(wallet).call()

    def ballot(self, signer, support=FOR, **fields) -> SignedBallot:
        voter = fields.pop("voter", signer.address)
        values = {
            "chain_id": self.chain.w3.eth.chain_id,
            "ledger": self.ledger.address,
            "proposal_key": KEY,
            "support": support,
            "voter": voter,
            "nonce": self.nonce(voter),
            "deadline": self.deadline,
        } | fields
        return sign(signer, **values)

    def relay(self, *ballots: SignedBallot):
        call = self.ledger.functions.castVotesBySig([b.as_abi() for b in ballots])
        return send(call, self.roles.relayer)

    def counted(self, receipt) -> list[tuple[bytes, list[CountedBallot]]]:
        events = self.ledger.events.SignedBallotsCast().process_receipt(receipt, errors=DISCARD)
        return [(e.args.proposalKey, unpack_counted(e.args.ballots)) for e in events]

    def skipped(self, receipt) -> list[tuple[int, str, tuple]]:
        events = self.ledger.events.SignedBallotSkipped().process_receipt(receipt, errors=DISCARD)
        return [
            (s.position, s.error, s.error_args)
            for s in (skipped_from(self.ledger.abi, e.args) for e in events)
        ]


@pytest.fixture
def wallets(ledger, roles, chain):
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, KEY, deadline=deadline)
    for wallet, index in INDEX.items():
        send(ledger.functions.linkWallet(wallet, index), roles.recorder)
    return Wallets(ledger, chain, roles, deadline)


def ballot_of(ledger, index, key=KEY):
    return tuple(ledger.functions.ballotOf(key, index).call())


def test_a_batch_relayed_by_anyone_counts_every_ballot(ledger, wallets):
    receipt = wallets.relay(wallets.ballot(A, FOR), wallets.ballot(B, AGAINST), wallets.ballot(C, ABSTAIN))

    assert tally(ledger, KEY) == (1, 1, 1)
    assert [ballot_of(ledger, INDEX[w.address]) for w in (A, B, C)] == [
        (True, FOR),
        (True, AGAINST),
        (True, ABSTAIN),
    ]
    assert [wallets.nonce(w.address) for w in (A, B, C)] == [1, 1, 1]
    # One event rebuilds every counted ballot: wallet, the nonce it used, voter index, support.
    assert wallets.counted(receipt) == [
        (
            KEY,
            [
                CountedBallot(A.address, 0, 10, FOR),
                CountedBallot(B.address, 0, 11, AGAINST),
                CountedBallot(C.address, 0, 140, ABSTAIN),
            ],
        )
    ]
    assert wallets.skipped(receipt) == []
    assert (
        ledger.events.VoteCast().process_receipt(receipt, errors=DISCARD) == ()
    )  # the single path's event only


def refused_ballot(wallets, case):
    """A ballot from B that fails one check, and the error it is skipped with."""
    chain_id = wallets.chain.w3.eth.chain_id
    if case == "bad signature":
        return wallets.ballot(STRANGER_KEY, voter=B.address), ("LedgerInvalidSignature", (B.address,))
    if case == "wrong nonce":
        return wallets.ballot(B, nonce=7), ("InvalidAccountNonce", (B.address, 0))
    if case == "expired":
        expiry = wallets.chain.now() - 1
        return wallets.ballot(B, deadline=expiry), ("LedgerExpiredSignature", (expiry,))
    if case == "unlinked wallet":
        return wallets.ballot(STRANGER_KEY), ("LedgerWalletNotLinked", (STRANGER_KEY.address,))
    if case == "support 3":
        return wallets.ballot(B, 3), ("LedgerInvalidSupport", (INDEX[B.address], 3))
    if case == "other chain":
        return wallets.ballot(B, chain_id=chain_id + 1), ("LedgerInvalidSignature", (B.address,))
    if case == "other ledger":
        return wallets.ballot(B, ledger="0x" + "11" * 20), ("LedgerInvalidSignature", (B.address,))
    if case == "signed for another proposal":
        signed = wallets.ballot(B, proposal_key=OTHER_KEY)
        moved = SignedBallot(KEY, *signed.as_abi()[1:])  # relayed as a ballot on KEY
        return moved, ("LedgerInvalidSignature", (B.address,))
    raise AssertionError(case)


@pytest.mark.parametrize(
    "case",
    [
        "bad signature",
        "wrong nonce",
        "expired",
        "unlinked wallet",
        "support 3",
        "other chain",
        "other ledger",
        "signed for another proposal",
    ],
)
def test_a_refused_ballot_is_skipped_with_its_reason_and_the_rest_land(ledger, wallets, case):
    bad, (error, error_args) = refused_ballot(wallets, case)
    receipt = wallets.relay(wallets.ballot(A, FOR), bad, wallets.ballot(C, AGAINST))

    assert wallets.skipped(receipt) == [(1, error, error_args)]
    (event,) = ledger.events.SignedBallotSkipped().process_receipt(receipt, errors=DISCARD)
    assert (event.args.proposalKey, event.args.wallet, event.args.nonce) == (KEY, bad.voter, bad.nonce)
    assert wallets.counted(receipt) == [
        (KEY, [CountedBallot(A.address, 0, 10, FOR), CountedBallot(C.address, 0, 140, AGAINST)])
    ]
    assert tally(ledger, KEY) == (1, 1, 0)
    assert ballot_of(ledger, INDEX[B.address]) == (False, 0)
    # Only counted ballots consume a nonce.
    assert [wallets.nonce(w) for w in (A.address, B.address, C.address)] == [1, 0, 1]
    assert wallets.nonce(bad.voter) == 0
    # The same ballot alone through castVoteBySig reverts with the very error the batch reported.
    with expect_revert(ledger, error, *error_args):
        send(ledger.functions.castVoteBySig(*bad.as_abi()), wallets.roles.relayer)


def test_a_replayed_ballot_is_skipped(ledger, wallets):
    ballot = wallets.ballot(A, FOR)
    first = wallets.relay(ballot, ballot)  # within one batch: the second copy finds the nonce used
    assert wallets.skipped(first) == [(1, "InvalidAccountNonce", (A.address, 1))]
    again = wallets.relay(ballot)  # and in a later batch
    assert wallets.skipped(again) == [(0, "InvalidAccountNonce", (A.address, 1))]
    assert wallets.counted(again) == []
    assert tally(ledger, KEY) == (0, 1, 0)
    assert wallets.nonce(A.address) == 1


def test_one_wallets_ballots_apply_in_nonce_order(ledger, wallets):
    first, second = wallets.ballot(A, FOR), wallets.ballot(A, AGAINST, nonce=1)
    receipt = wallets.relay(first, second)
    assert [b.nonce for _, run in wallets.counted(receipt) for b in run] == [0, 1]
    assert ballot_of(ledger, 10) == (True, AGAINST)  # the later ballot replaced the earlier
    assert tally(ledger, KEY) == (1, 0, 0)

    early, late = wallets.ballot(B, FOR, nonce=1), wallets.ballot(B, AGAINST)  # out of order
    receipt = wallets.relay(early, late)
    assert wallets.skipped(receipt) == [(0, "InvalidAccountNonce", (B.address, 0))]
    assert ballot_of(ledger, 11) == (True, AGAINST)
    assert wallets.nonce(B.address) == 1


def test_ballots_after_the_voting_deadline_are_skipped_while_another_proposals_land(
    ledger, roles, chain, wallets
):
    later = wallets.deadline + 600
    open_proposal(ledger, roles.recorder, OTHER_KEY, deadline=later)
    chain.travel_to(wallets.deadline + 1)  # KEY's voting is over (its grace runs); OTHER_KEY's is not
    expiry = later
    receipt = wallets.relay(
        wallets.ballot(A, FOR, deadline=expiry),
        wallets.ballot(B, FOR, proposal_key=OTHER_KEY, deadline=expiry),
    )
    assert wallets.skipped(receipt) == [(0, "LedgerVotingClosed", (KEY, wallets.deadline))]
    assert wallets.counted(receipt) == [(OTHER_KEY, [CountedBallot(B.address, 0, 11, FOR)])]
    assert tally(ledger, KEY) == (0, 0, 0) and tally(ledger, OTHER_KEY) == (0, 1, 0)
    assert wallets.nonce(A.address) == 0


def test_ballots_on_unopened_closed_or_withdrawn_proposals_are_skipped(ledger, roles, chain, wallets):
    unopened = proposal_key("never opened")
    withdrawn = proposal_key("withdrawn")
    open_proposal(ledger, roles.recorder, withdrawn, deadline=wallets.deadline)
    send(ledger.functions.withdrawProposal(withdrawn), roles.recorder)
    receipt = wallets.relay(
        wallets.ballot(A, proposal_key=unopened),
        wallets.ballot(B, proposal_key=withdrawn),
        wallets.ballot(C, FOR),
    )
    assert wallets.skipped(receipt) == [
        (0, "LedgerProposalNotOpened", (unopened,)),
        (1, "LedgerProposalAlreadyClosed", (withdrawn, WITHDRAWN)),
    ]
    assert tally(ledger, KEY) == (0, 1, 0)

    chain.travel_to(wallets.deadline + 1)
    send(ledger.functions.closeProposal(KEY), roles.recorder)
    receipt = wallets.relay(wallets.ballot(A, deadline=wallets.deadline + GRACE))
    assert wallets.skipped(receipt) == [(0, "LedgerProposalAlreadyClosed", (KEY, PASSED))]


def test_runs_of_ballots_on_one_proposal_are_emitted_in_order(ledger, roles, wallets):
    open_proposal(ledger, roles.recorder, OTHER_KEY, deadline=wallets.deadline)
    receipt = wallets.relay(
        wallets.ballot(A, FOR),
        wallets.ballot(C, AGAINST),
        wallets.ballot(B, ABSTAIN, proposal_key=OTHER_KEY),
        wallets.ballot(B, FOR, nonce=1),
    )
    assert wallets.counted(receipt) == [
        (KEY, [CountedBallot(A.address, 0, 10, FOR), CountedBallot(C.address, 0, 140, AGAINST)]),
        (OTHER_KEY, [CountedBallot(B.address, 0, 11, ABSTAIN)]),
        (KEY, [CountedBallot(B.address, 1, 11, FOR)]),
    ]
    assert tally(ledger, KEY) == (1, 2, 0)
    assert tally(ledger, OTHER_KEY) == (0, 0, 1)


def test_a_wallet_ballot_replaces_the_members_attested_vote_in_its_slot(ledger, roles, wallets):
    record_votes(ledger, roles.recorder, KEY, [(10, FOR), (11, FOR), (12, FOR)])
    wallets.relay(wallets.ballot(A, AGAINST), wallets.ballot(B, FOR))
    assert tally(ledger, KEY) == (1, 2, 0)  # one vote per member: 10 changed, 11 unchanged
    assert ballot_of(ledger, 10) == (True, AGAINST)
    record_votes(ledger, roles.recorder, KEY, [(10, ABSTAIN)])  # and the other way round
    assert tally(ledger, KEY) == (0, 2, 1)


def test_an_erc1271_contract_wallet_votes_in_a_batch(ledger, roles, chain, wallets):
    safe = deploy(chain.w3, "MockERC1271Wallet", A.address, sender=roles.stranger).address
    send(ledger.functions.linkWallet(safe, 200), roles.recorder)
    receipt = wallets.relay(
        wallets.ballot(STRANGER_KEY, FOR, voter=safe),  # a key the wallet does not accept
        wallets.ballot(A, AGAINST, voter=safe),  # its owner's key
    )
    assert wallets.skipped(receipt) == [(0, "LedgerInvalidSignature", (safe,))]
    assert wallets.counted(receipt) == [(KEY, [CountedBallot(safe, 0, 200, AGAINST)])]
    assert ballot_of(ledger, 200) == (True, AGAINST)


def test_the_same_signature_works_alone_or_in_a_batch(ledger, chain, wallets):
    ballot = wallets.ballot(A, ABSTAIN)
    snapshot = chain.snapshot()
    send(ledger.functions.castVoteBySig(*ballot.as_abi()), wallets.roles.relayer)
    alone = (tally(ledger, KEY), ballot_of(ledger, 10), wallets.nonce(A.address))
    chain.revert(snapshot)
    wallets.relay(ballot)
    assert (tally(ledger, KEY), ballot_of(ledger, 10), wallets.nonce(A.address)) == alone
    assert alone == ((0, 0, 1), (True, ABSTAIN), 1)


def test_an_unlinked_wallets_ballot_is_skipped(ledger, roles, wallets):
    signed_before = wallets.ballot(A, FOR)
    send(ledger.functions.unlinkWallet(A.address), roles.recorder)
    receipt = wallets.relay(signed_before, wallets.ballot(A, FOR))
    assert wallets.skipped(receipt) == [
        (0, "LedgerWalletNotLinked", (A.address,)),
        (1, "LedgerWalletNotLinked", (A.address,)),
    ]
    assert tally(ledger, KEY) == (0, 0, 0)
    # Linked again, a ballot signed under the old link stays void (the unlink advanced the nonce).
    send(ledger.functions.linkWallet(A.address, INDEX[A.address]), roles.recorder)
    receipt = wallets.relay(signed_before, wallets.ballot(A, AGAINST))
    assert wallets.skipped(receipt) == [(0, "InvalidAccountNonce", (A.address, 1))]
    assert wallets.counted(receipt) == [(KEY, [CountedBallot(A.address, 1, 10, AGAINST)])]


def test_an_empty_batch_changes_nothing(ledger, wallets):
    receipt = wallets.relay()
    assert receipt["logs"] == []
    assert tally(ledger, KEY) == (0, 0, 0)


def test_batch_arguments_reorder_for_gas_and_land_the_same_result(ledger, roles, chain, wallets):
    open_proposal(ledger, roles.recorder, OTHER_KEY, deadline=wallets.deadline)
    ballots = [
        wallets.ballot(C, FOR),
        wallets.ballot(A, AGAINST, proposal_key=OTHER_KEY),
        wallets.ballot(A, FOR, nonce=1),
        wallets.ballot(B, FOR),
        wallets.ballot(B, ABSTAIN, nonce=1),
    ]

    def relay_and_read(arguments):
        receipt = send(ledger.functions.castVotesBySig(arguments), roles.relayer)
        assert wallets.skipped(receipt) == []
        state = [tally(ledger, k) for k in (KEY, OTHER_KEY)]
        return state + [ballot_of(ledger, i, k) for i in (10, 11, 140) for k in (KEY, OTHER_KEY)]

    snapshot = chain.snapshot()
    as_given = relay_and_read([b.as_abi() for b in ballots])
    chain.revert(snapshot)
    reordered = batch_arguments(ballots, INDEX)
    assert [(a[0], a[2], a[3]) for a in reordered] == [
        (KEY, B.address, 0),  # round 0: KEY first (it appeared first), by voter index
        (KEY, C.address, 0),
        (OTHER_KEY, A.address, 0),
        (KEY, A.address, 1),  # round 1: each voter's second ballot, still after its first
        (KEY, B.address, 1),
    ]
    assert relay_and_read(reordered) == as_given

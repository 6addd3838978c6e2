"""Building castVotesBySig batches and reading their events, without a chain."""

from eth_abi import encode
from eth_account import Account
from eth_account.messages import encode_typed_data
from eth_utils import keccak

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.eip712 import ballot_typed_data
from governance.adapters.chain.signed_ballots import (
    CountedBallot,
    SignedBallot,
    batch_arguments,
    sign,
    skipped_from,
    unpack_counted,
)

P, Q = keccak(b"proposal P"), keccak(b"proposal Q")
W1, W2, W3, W4 = (Account.from_key(keccak(text=f"unit wallet {n}")).address for n in range(4))
LEDGER = "0x" + "ab" * 20


def ballot(key, voter, nonce=0, support=1):
    return SignedBallot(key, support, voter, nonce, 2_000_000_000, b"\x01" * 65)


def test_sign_produces_the_eip712_signature_of_the_ballot():
    signer = Account.from_key(keccak(b"unit signer"))
    fields = dict(proposal_key=P, support=2, voter=signer.address, nonce=3, deadline=1_900_000_000)
    signed = sign(signer, chain_id=31337, ledger=LEDGER, **fields)
    assert signed.as_abi() == (P, 2, signer.address, 3, 1_900_000_000, signed.signature)
    message = encode_typed_data(full_message=ballot_typed_data(chain_id=31337, ledger=LEDGER, **fields))
    assert Account.recover_message(message, signature=signed.signature) == signer.address


def test_without_voter_indices_the_order_is_kept():
    ballots = [ballot(Q, W2), ballot(P, W1), ballot(Q, W1, nonce=1)]
    assert batch_arguments(ballots) == [b.as_abi() for b in ballots]


def test_ballots_are_grouped_by_proposal_and_sorted_by_voter_index():
    ballots = [ballot(P, W3), ballot(Q, W1), ballot(P, W4), ballot(P, W2)]
    order = [(a[0], a[2]) for a in batch_arguments(ballots, {W1: 5, W2: 300, W3: 7, W4: 6})]
    assert order == [(P, W4), (P, W3), (P, W2), (Q, W1)]  # P appeared first


def test_a_voters_later_ballots_stay_after_its_earlier_ones():
    # W1's ballot on Q (nonce 0) must stay before its ballot on P (nonce 1), and W2 and W3, two
    # wallets of voter 9, must keep their order on P (the later one wins).
    ballots = [ballot(Q, W1, 0), ballot(P, W1, 1), ballot(P, W3), ballot(P, W2)]
    arguments = batch_arguments(ballots, {W1: 5, W2: 9, W3: 9})
    assert [(a[0], a[2], a[3]) for a in arguments] == [
        (Q, W1, 0),  # round 0: each voter's first ballot, Q first (it appeared first)
        (P, W3, 0),
        (P, W1, 1),  # round 1: their second ones
        (P, W2, 0),
    ]


def test_a_counted_word_unpacks_to_wallet_nonce_voter_and_support():
    word = int(W1, 16) << 96 | 2**64 - 1 << 32 | (2**30 - 1) << 2 | 2
    small = int(W2, 16) << 96 | 0 << 32 | 10 << 2 | 0
    assert unpack_counted([word, small]) == [
        CountedBallot(W1, 2**64 - 1, 2**30 - 1, 2),
        CountedBallot(W2, 0, 10, 0),
    ]


def test_a_skip_reason_decodes_to_the_ledgers_named_error():
    abi = load_artifact("FolkmootLedger").abi
    reason = keccak(text="InvalidAccountNonce(address,uint256)")[:4] + encode(["address", "uint256"], [W1, 4])
    args = {"proposalKey": P, "wallet": W1, "position": 3, "nonce": 2, "reason": reason}
    skipped = skipped_from(abi, args)
    assert (skipped.position, skipped.nonce, skipped.error, skipped.error_args) == (
        3,
        2,
        "InvalidAccountNonce",
        (W1, 4),
    )
    unknown = skipped_from(abi, args | {"reason": b"\xde\xad\xbe\xef"})
    assert (unknown.error, unknown.error_args) == ("0xdeadbeef", ())

"""Batches of wallet-signed ballots for `FolkmootLedger.castVotesBySig`, and what its events say.

A `SignedBallot` is the EIP-712 `Ballot` a wallet signed (see `eip712.py`) plus its signature; the
same signature works in `castVoteBySig` and in a batch. The contract counts each valid ballot and
skips a refused one with `SignedBallotSkipped` (its `reason` is the error `castVoteBySig` would
revert with); counted ballots come back as words of `SignedBallotsCast`:
`uint160(wallet) << 96 | nonce << 32 | voter_index << 2 | support`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from eth_account.signers.local import LocalAccount
from eth_utils import to_checksum_address

from governance.adapters.chain.eip712 import sign_ballot
from governance.adapters.chain.reverts import decode_error

_LANE_MASK = 2**32 - 1
_NONCE_MASK = 2**64 - 1


@dataclass(frozen=True, slots=True)
class SignedBallot:
    """One wallet's signed ballot, in the field order of the EIP-712 type and the contract's struct."""

    proposal_key: bytes
    support: int
    voter: str
    nonce: int
    deadline: int
    signature: bytes

    def as_abi(self) -> tuple[bytes, int, str, int, int, bytes]:
        """The `SignedBallot` tuple web3 encodes."""
        return (
            self.proposal_key,
            self.support,
            self.voter,
            self.nonce,
            self.deadline,
            self.signature,
        )


@dataclass(frozen=True, slots=True)
class CountedBallot:
    """A ballot the ledger counted, as one word of `SignedBallotsCast` names it."""

    wallet: str
    nonce: int
    voter_index: int
    support: int


@dataclass(frozen=True, slots=True)
class SkippedBallot:
    """A ballot the ledger skipped, from `SignedBallotSkipped`; `error` is e.g. "LedgerInvalidSignature"."""

    proposal_key: bytes
    wallet: str
    position: int
    nonce: int
    error: str
    error_args: tuple


def sign(
    signer: LocalAccount,
    *,
    chain_id: int,
    ledger: str,
    proposal_key: bytes,
    support: int,
    voter: str,
    nonce: int,
    deadline: int,
) -> SignedBallot:
    """Sign a ballot with a local key (for an ERC-1271 wallet, `voter` is the wallet contract)."""
    fields = dict(proposal_key=proposal_key, support=support, voter=voter, nonce=nonce, deadline=deadline)
    signature = sign_ballot(signer, chain_id=chain_id, ledger=ledger, **fields)
    return SignedBallot(**fields, signature=signature)


def batch_arguments(
    ballots: Iterable[SignedBallot], voter_indices: Mapping[str, int] | None = None
) -> list[tuple]:
    """The `castVotesBySig` argument; given the wallets' voter indices, ordered for the least gas.

    The contract is right for any order, and cheapest when ballots are grouped by proposal and
    sorted by voter index (it then reads and writes each tally and bitmap word once). Reordering
    must keep two things: a wallet's ballots in nonce order, and a voter's ballots (from any of
    its wallets) in the order given, since the later one wins. So each ballot gets a round, how
    many ballots of the same voter came before it, and the order is (round, proposal in order of
    first appearance, voter index, position). Without indices the ballots keep their order.
    """
    ballots = list(ballots)
    if voter_indices is None:
        return [ballot.as_abi() for ballot in ballots]
    rounds: Counter[int | str] = Counter()
    first_seen: dict[bytes, int] = {}
    keyed = []
    for position, ballot in enumerate(ballots):
        index = voter_indices.get(ballot.voter, 0)
        voter = index or ballot.voter  # an unlinked wallet is its own voter (and will be skipped)
        first_seen.setdefault(ballot.proposal_key, len(first_seen))
        keyed.append(((rounds[voter], first_seen[ballot.proposal_key], index, position), ballot))
        rounds[voter] += 1
    return [ballot.as_abi() for _, ballot in sorted(keyed, key=lambda pair: pair[0])]


def unpack_counted(words: Iterable[int]) -> list[CountedBallot]:
    """The counted ballots of a `SignedBallotsCast` event's `ballots`, in order."""
    return [
        CountedBallot(
            wallet=to_checksum_address((word >> 96).to_bytes(20, "big")),
            nonce=(word >> 32) & _NONCE_MASK,
            voter_index=(word & _LANE_MASK) >> 2,
            support=word & 3,
        )
        for word in words
    ]


def skipped_from(abi: list[dict[str, Any]], args: Mapping[str, Any]) -> SkippedBallot:
    """A `SignedBallotSkipped` event's arguments, its reason decoded against the ledger's ABI."""
    reason = bytes(args["reason"])
    decoded = decode_error(abi, reason)
    error, error_args = decoded if decoded else (f"0x{reason.hex()}", ())
    return SkippedBallot(
        proposal_key=bytes(args["proposalKey"]),
        wallet=args["wallet"],
        position=args["position"],
        nonce=args["nonce"],
        error=error,
        error_args=error_args,
    )

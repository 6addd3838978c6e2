"""Deploying and driving the ledger from tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_utils import keccak
from web3 import Web3
from web3.contract import Contract
from web3.providers.eth_tester import EthereumTesterProvider

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.packed_votes import pack_votes
from governance.adapters.chain.voter_ids import voter_id

AGAINST, FOR, ABSTAIN = 0, 1, 2
PENDING, PASSED, REJECTED, NO_QUORUM, WITHDRAWN = 0, 1, 2, 3, 4
SALT = keccak(b"folkmoot test community salt")
REGISTERED_VOTERS = 300  # what each module's ledger starts with; spans three 128-voter bitmap words
GRACE = 3_600  # the test ledgers' attestation grace, in seconds
MAX_GRACE = 30 * 86_400  # the contract's MAX_ATTESTATION_GRACE


@dataclass(frozen=True)
class Roles:
    """Who is who among the node's dev accounts."""

    admin: str
    recorder: str
    stranger: str
    relayer: str


def roles_of(accounts: list[str]) -> Roles:
    return Roles(admin=accounts[0], recorder=accounts[1], stranger=accounts[2], relayer=accounts[3])


def deploy(w3: Web3, name: str, *args: Any, sender: str) -> Contract:
    artifact = load_artifact(name)
    factory = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
    receipt = send(factory.constructor(*args), sender)
    return w3.eth.contract(address=receipt["contractAddress"], abi=artifact.abi)


def deploy_ledger(w3: Web3, roles: Roles, grace: int = GRACE) -> Contract:
    """A FolkmootLedger administered by `roles.admin`, written by `roles.recorder`."""
    return deploy(w3, "FolkmootLedger", roles.admin, roles.recorder, grace, sender=roles.admin)


def send(call: Any, sender: str) -> Any:
    """Transact and return the mined receipt, which must have succeeded.

    Gas is estimated against the pending block, the one the transaction lands in: after
    `Chain.travel_to`, anvil's latest block still carries the old time. (eth-tester estimates
    against the pending block anyway, and refuses an explicit block argument.)
    """
    w3 = call.w3
    if isinstance(w3.provider, EthereumTesterProvider):
        gas = call.estimate_gas({"from": sender})
    else:
        gas = call.estimate_gas({"from": sender}, block_identifier="pending")
    receipt = w3.eth.wait_for_transaction_receipt(call.transact({"from": sender, "gas": gas}))
    assert receipt["status"] == 1, receipt
    return receipt


def proposal_key(label: str) -> bytes:
    return keccak(text=label)


def sample_voter_ids(count: int) -> list[bytes]:
    """Voter ids of `count` made-up Discord members; index i + 1 once registered in order."""
    return [voter_id(SALT, 10**17 + n) for n in range(count)]


def open_proposal(
    ledger: Contract,
    recorder: str,
    key: bytes,
    *,
    deadline: int,
    quorum: int = 0,
    threshold_bps: int = 5000,
) -> None:
    send(ledger.functions.openProposal(key, keccak(key), deadline, quorum, threshold_bps), recorder)


def record_votes(ledger: Contract, recorder: str, key: bytes, votes: list[tuple[int, int]]) -> Any:
    return send(ledger.functions.recordVotes(key, pack_votes(votes)), recorder)


def tally(ledger: Contract, key: bytes) -> tuple[int, int, int]:
    """(against, for, abstain) as stored on-chain."""
    proposal = ledger.functions.proposalOf(key).call()
    return proposal[5], proposal[6], proposal[7]


def expected_outcome(quorum: int, threshold_bps: int, against: int, for_: int, abstain: int) -> int:
    """The off-chain rule the contract must match exactly."""
    if against + for_ + abstain < quorum:
        return NO_QUORUM
    return PASSED if for_ * 10_000 > threshold_bps * (for_ + against) else REJECTED

"""The Python encodings agree with what the contract computes."""

import pytest
from eth_utils import keccak
from hypothesis import given
from hypothesis import strategies as st
from web3 import Web3

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.eip712 import BALLOT_TYPES
from governance.adapters.chain.packed_votes import MAX_VOTER_INDEX, pack_votes, unpack_votes
from governance.adapters.chain.voter_ids import new_salt, voter_id

pytestmark = pytest.mark.integration


def test_voter_id_is_keccak_of_abi_encode_packed_salt_and_uint64():
    salt = new_salt()
    expected = Web3.solidity_keccak(["bytes32", "uint64"], [salt, 123456789012345678])
    assert voter_id(salt, 123456789012345678) == bytes(expected)


def test_voter_id_rejects_bad_input():
    with pytest.raises(ValueError):
        voter_id(b"short", 1)
    with pytest.raises(ValueError):
        voter_id(new_salt(), 2**64)


@given(st.lists(st.tuples(st.integers(1, MAX_VOTER_INDEX), st.integers(0, 2)), max_size=40))
def test_packing_round_trips(votes):
    words = pack_votes(votes)
    assert len(words) == -(-len(votes) // 8)
    assert unpack_votes(words) == votes


def test_python_ballot_type_is_the_contracts(w3, deployed_ledger):
    fields = ",".join(f"{f['type']} {f['name']}" for f in BALLOT_TYPES["Ballot"])
    assert deployed_ledger.functions.BALLOT_TYPEHASH().call() == keccak(text=f"Ballot({fields})")
    domain = deployed_ledger.functions.eip712Domain().call()
    assert tuple(domain[1:5]) == ("FolkmootLedger", "1", w3.eth.chain_id, deployed_ledger.address)


def test_artifact_loader_returns_deployable_code():
    artifact = load_artifact("FolkmootLedger")
    assert artifact.name == "FolkmootLedger"
    assert artifact.bytecode.startswith("0x") and len(artifact.deployed_bytecode) < len(
        artifact.bytecode
    )
    assert any(item.get("name") == "recordVotes" for item in artifact.abi)

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from eth_hash.auto import keccak

from governance.ai.merkle import MerkleTree, hash_pair, verify_proof
from governance.ai.prompts import TemplateRef
from governance.ai.provenance import ProvenanceRecord, leaf_hash, make_record
from governance.ports import ModelInfo


def record(n: int) -> ProvenanceRecord:
    return make_record(
        task="summarize",
        model=ModelInfo("transformers", "Qwen/Qwen2.5-0.5B-Instruct", "abc123"),
        template=TemplateRef("summarize", "1", "0x" + "11" * 32),
        prompt_hash="0x" + "22" * 32,
        input_hash="0x" + f"{n:064x}",
        output_text=f"output {n} ✓",
        params={"max_new_tokens": 512, "temperature": 0.0, "pipeline": "direct"},
        created_at=datetime(2026, 11, 21, 12, 0, 0, 123456, tzinfo=UTC),
    )


def test_canonical_json_is_sorted_compact_utf8_and_float_free():
    data = record(1).canonical_json()
    assert data.startswith(b'{"backend":"transformers","created_at":"2026-11-21T12:00:00+00:00"')
    assert b": " not in data and b", " not in data
    assert b'"temperature":"0.0"' in data  # floats become decimal strings
    assert ProvenanceRecord.from_json(data) == record(1)


def test_leaf_is_openzeppelin_standard_leaf_of_the_record_hash():
    rec = record(1)
    inner = bytes.fromhex(rec.record_hash[2:])
    assert rec.record_hash == "0x" + keccak(rec.canonical_json()).hex()
    assert rec.leaf == keccak(keccak(inner)) == leaf_hash(rec.record_hash)


def abi_address_uint(address: str, amount: int) -> bytes:
    return bytes(12) + bytes.fromhex(address[2:]) + amount.to_bytes(32, "big")


def test_root_matches_openzeppelin_merkle_tree_readme_vector():
    # StandardMerkleTree.of([[addr1, 5e18], [addr2, 2.5e18]], ["address", "uint256"]).root
    leaves = [
        keccak(keccak(abi_address_uint("0x" + "11" * 20, 5 * 10**18))),
        keccak(keccak(abi_address_uint("0x" + "22" * 20, 25 * 10**17))),
    ]
    tree = MerkleTree(leaves)
    assert tree.root_hex == "0xd4dee0beab2d53f2cc83e567171bd2820e49898130a22622b10ead383e90bd77"
    assert tree.proof(leaves[0]) == [leaves[1]]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8, 13])
def test_every_record_proves_against_the_root(count: int):
    records = [record(n) for n in range(count)]
    tree = MerkleTree(r.leaf for r in records)
    for rec in records:
        assert verify_proof(rec.leaf, tree.proof(rec.leaf), tree.root)


def test_a_tampered_record_fails_verification():
    records = [record(n) for n in range(5)]
    tree = MerkleTree(r.leaf for r in records)
    proof = tree.proof(records[2].leaf)
    tampered = dataclasses.replace(records[2], output_hash="0x" + "00" * 32)
    assert not verify_proof(tampered.leaf, proof, tree.root)
    assert not verify_proof(records[3].leaf, proof, tree.root)


def test_pairs_hash_commutatively_and_leaf_order_does_not_matter():
    a, b = keccak(b"a"), keccak(b"b")
    assert hash_pair(a, b) == hash_pair(b, a) == keccak(min(a, b) + max(a, b))
    leaves = [record(n).leaf for n in range(4)]
    assert MerkleTree(leaves).root == MerkleTree(reversed(leaves)).root


def test_bad_leaves_are_refused():
    with pytest.raises(ValueError):
        MerkleTree([])
    with pytest.raises(ValueError):
        MerkleTree([b"short"])
    with pytest.raises(ValueError):
        MerkleTree([keccak(b"x")]).proof(keccak(b"y"))

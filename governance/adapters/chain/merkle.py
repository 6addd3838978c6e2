"""Merkle trees as OpenZeppelin's `MerkleProof` (so `isProvenanceIncluded`) checks them.

Pairs are hashed sorted (`keccak256(min(a, b) ++ max(a, b))`), so a proof is just the sibling
hashes from the leaf up. Leaves come already hashed: hash each provenance record twice
(`leaf_hash`), as OpenZeppelin advises, so a leaf can never pass for an inner node.
"""

from __future__ import annotations

from collections.abc import Sequence

from eth_utils import keccak


def hash_pair(a: bytes, b: bytes) -> bytes:
    return keccak(min(a, b) + max(a, b))


def leaf_hash(record: bytes) -> bytes:
    """The leaf for one serialised provenance record."""
    return keccak(keccak(record))


def _levels(leaves: Sequence[bytes]) -> list[list[bytes]]:
    if not leaves:
        raise ValueError("a Merkle tree needs at least one leaf")
    levels = [list(leaves)]
    while len(levels[-1]) > 1:
        level = levels[-1]
        # An odd node out moves up unchanged; its proof simply has no sibling at that level.
        levels.append(
            [
                hash_pair(*level[i : i + 2]) if i + 1 < len(level) else level[i]
                for i in range(0, len(level), 2)
            ]
        )
    return levels


def merkle_root(leaves: Sequence[bytes]) -> bytes:
    return _levels(leaves)[-1][0]


def merkle_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """Sibling hashes from leaf `index` up to the root."""
    proof = []
    for level in _levels(leaves)[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            proof.append(level[sibling])
        index //= 2
    return proof

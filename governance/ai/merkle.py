"""Merkle tree compatible with OpenZeppelin's MerkleProof and @openzeppelin/merkle-tree.

Pairs hash commutatively, `keccak256(min(a, b) ++ max(a, b))`, as MerkleProof.verify
does. The tree has OpenZeppelin StandardMerkleTree's shape: leaves sorted
ascending, stored right to left at the end of a flat array whose node i has
children 2i+1 and 2i+2, root at index 0. Same leaves, same root and proofs.
Leaves are 32-byte hashes (for records: ProvenanceRecord.leaf, double-hashed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eth_hash.auto import keccak


def hash_pair(a: bytes, b: bytes) -> bytes:
    return keccak(a + b if a <= b else b + a)


class MerkleTree:
    def __init__(self, leaves: Iterable[bytes]):
        ordered = sorted(leaves)
        if not ordered:
            raise ValueError("a Merkle tree needs at least one leaf")
        if any(len(leaf) != 32 for leaf in ordered):
            raise ValueError("Merkle leaves are 32-byte hashes")
        size = 2 * len(ordered) - 1
        self._nodes: list[bytes] = [b""] * size
        for i, leaf in enumerate(ordered):
            self._nodes[size - 1 - i] = leaf
        for i in range(size - 1 - len(ordered), -1, -1):
            self._nodes[i] = hash_pair(self._nodes[2 * i + 1], self._nodes[2 * i + 2])
        self._index = {leaf: size - 1 - i for i, leaf in enumerate(ordered)}

    @property
    def root(self) -> bytes:
        return self._nodes[0]

    @property
    def root_hex(self) -> str:
        return "0x" + self.root.hex()

    def proof(self, leaf: bytes) -> list[bytes]:
        """Sibling hashes from the leaf up to (not including) the root."""
        try:
            index = self._index[leaf]
        except KeyError:
            raise ValueError("leaf is not in the tree") from None
        path = []
        while index > 0:
            sibling = index - 1 if index % 2 == 0 else index + 1
            path.append(self._nodes[sibling])
            index = (index - 1) // 2
        return path


def process_proof(leaf: bytes, proof: Sequence[bytes]) -> bytes:
    node = leaf
    for sibling in proof:
        node = hash_pair(node, sibling)
    return node


def verify_proof(leaf: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    """What MerkleProof.verify(proof, root, leaf) answers on-chain."""
    return process_proof(leaf, proof) == root

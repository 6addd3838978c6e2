"""OpenZeppelin's proposal id, computed here exactly as the Governor computes it:
`uint256(keccak256(abi.encode(targets, values, calldatas, keccak256(bytes(description)))))`.

It depends on neither the Governor's address nor the chain, so a real proposal replayed on a
test Governor gets its mainnet id. The description must be byte-exact (no stripping)."""

from __future__ import annotations

from eth_abi import encode
from eth_utils import keccak, to_checksum_address

from governance.domain.governor import Call


def description_hash(description: str | bytes) -> bytes:
    raw = description if isinstance(description, bytes) else description.encode("utf-8", "surrogatepass")
    return keccak(raw)


def hash_proposal(calls: list[Call], description: str | bytes) -> int:
    encoded = encode(
        ["address[]", "uint256[]", "bytes[]", "bytes32"],
        [[to_checksum_address(c.target) for c in calls], [c.value for c in calls],
         [c.calldata for c in calls], description_hash(description)],
    )
    return int.from_bytes(keccak(encoded), "big")

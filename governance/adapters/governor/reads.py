"""Read-only contract calls by signature, without a full ABI: a revert or an empty answer is
None (the function is not there), while an unreachable node raises (see `reaching_the_chain`)."""

from __future__ import annotations

from typing import Any

from eth_abi import decode, encode
from eth_abi.exceptions import DecodingError
from eth_utils import keccak
from web3 import Web3
from web3.exceptions import ProviderConnectionError, TimeExhausted, Web3Exception


def read(w3: Web3, to: str, signature: str, out: list[str], args: list[Any] = (), block: Any = "latest") -> tuple | None:
    """`read(w3, governor, "quorum(uint256)", ["uint256"], [timepoint])` → (value,) or None."""
    in_types = _types(signature[signature.index("(") + 1: -1])
    data = keccak(text=signature)[:4] + (encode(in_types, list(args)) if in_types else b"")
    try:
        raw = w3.eth.call({"to": Web3.to_checksum_address(to), "data": "0x" + data.hex()}, block)
    except (ProviderConnectionError, TimeExhausted):
        raise
    except (Web3Exception, ValueError):
        return None  # reverted, or no such function
    if not raw:
        return None
    try:
        return decode(out, bytes(raw))
    except (DecodingError, ValueError, OverflowError):
        return None


def read_one(w3: Web3, to: str, signature: str, out: str, args: list[Any] = (), block: Any = "latest") -> Any:
    result = read(w3, to, signature, [out], args, block)
    return None if result is None else result[0]


def _types(inner: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    return [p for p in parts if p]

"""The Governor events folkmoot indexes, decoded by hand from their ABI (the same in OpenZeppelin
4.x and 5.x). Strings are read as bytes, so a description is kept byte for byte."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi import decode
from eth_utils import keccak

_SIGNATURES = {
    "created": "ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)",
    "vote": "VoteCast(address,uint256,uint8,uint256,string)",
    "vote_params": "VoteCastWithParams(address,uint256,uint8,uint256,string,bytes)",
    "queued": "ProposalQueued(uint256,uint256)",
    "executed": "ProposalExecuted(uint256)",
    "canceled": "ProposalCanceled(uint256)",
}
TOPICS = {"0x" + keccak(text=sig).hex(): kind for kind, sig in _SIGNATURES.items()}
_DATA = {  # non-indexed fields; string → bytes keeps invalid UTF-8 as it is
    "created": ["uint256", "address", "address[]", "uint256[]", "bytes[]", "bytes[]", "uint256", "uint256", "bytes"],
    "vote": ["uint256", "uint8", "uint256", "bytes"],
    "vote_params": ["uint256", "uint8", "uint256", "bytes", "bytes"],
    "queued": ["uint256", "uint256"],
    "executed": ["uint256"],
    "canceled": ["uint256"],
}


@dataclass(frozen=True)
class GovernorEvent:
    kind: str
    block_number: int
    block_hash: str
    log_index: int
    tx_hash: str
    args: dict[str, Any]


def decode_log(log: Any) -> GovernorEvent | None:
    """None for a log that is not one of ours (or is malformed: a contract may emit anything)."""
    topics = [_hex(t) for t in log["topics"]]
    kind = TOPICS.get(topics[0]) if topics else None
    if kind is None:
        return None
    try:
        values = decode(_DATA[kind], bytes(log["data"]))
    except Exception:  # eth_abi raises several unrelated types on garbage
        return None
    args: dict[str, Any] = {"proposal_id": values[0]}
    if kind == "created":
        _, proposer, targets, vals, sigs, datas, start, end, description = values
        args.update(proposer=proposer, targets=list(targets), values=list(vals),
                    signatures=[s.decode("utf-8", "replace") for s in sigs], calldatas=list(datas),
                    vote_start=start, vote_end=end, description=description)
    elif kind in ("vote", "vote_params"):
        if len(topics) < 2:
            return None
        args.update(voter="0x" + topics[1][-40:], support=values[1], weight=values[2],
                    reason=values[3].decode("utf-8", "replace"),
                    params="0x" + values[4].hex() if kind == "vote_params" else None)
    elif kind == "queued":
        args["eta"] = values[1]
    return GovernorEvent(kind, log["blockNumber"], _hex(log["blockHash"]), log["logIndex"],
                         _hex(log["transactionHash"]), args)


def _hex(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return "0x" + bytes(value).hex()
    return value if str(value).startswith("0x") else "0x" + str(value)

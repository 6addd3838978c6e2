"""Turn a failed contract call into the ledger's named error, the same way on every backend.

An RPC node makes web3 raise `ContractCustomError` with hex revert data; the in-process
eth-tester raises `TransactionFailed` with the revert bytes rendered as text. Both are
reduced to raw bytes and decoded against the contract's ABI.
"""

from __future__ import annotations

import ast
from typing import Any

from eth_abi import decode
from eth_utils import keccak, to_checksum_address
from web3.exceptions import ContractCustomError, ContractLogicError

_PREFIX = "execution reverted: "


class LedgerRevert(Exception):
    """The ledger refused a call with a named error, e.g. LedgerVotingClosed(key, deadline)."""

    def __init__(self, name: str, args: tuple):
        super().__init__(f"{name}({', '.join(_readable(v) for v in args)})")  # bytes as 0x-hex, never b'\x..'
        self.name = name
        self.values = args


def _readable(value: Any) -> str:
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, tuple | list):
        return "(" + ", ".join(_readable(v) for v in value) + ")"
    return str(value)


def revert_data(error: Exception) -> bytes | None:
    """The raw revert data a failed call carries, or None if it carries none."""
    if isinstance(error, ContractCustomError):
        data = error.data if isinstance(error.data, str) else error.args[0]
        return bytes.fromhex(str(data).removeprefix("0x"))
    if type(error).__name__ == "TransactionFailed":  # eth-tester, imported lazily by web3
        text = str(error.args[0]).removeprefix(_PREFIX)
        if text.startswith(("b'", 'b"')):
            return ast.literal_eval(text)
    if isinstance(error, ContractLogicError) and isinstance(error.data, str):
        return bytes.fromhex(error.data.removeprefix("0x"))
    return None


def decode_error(abi: list[dict[str, Any]], data: bytes) -> tuple[str, tuple] | None:
    """(error name, arguments) of revert data declared in `abi`, or None."""
    for item in abi:
        if item["type"] != "error":
            continue
        types = [_abi_type(i) for i in item["inputs"]]
        if keccak(text=f"{item['name']}({','.join(types)})")[:4] == data[:4]:
            values = decode(types, data[4:])
            values = tuple(to_checksum_address(v) if t == "address" else v for t, v in zip(types, values))
            return item["name"], values
    return None


def as_ledger_revert(abi: list[dict[str, Any]], error: Exception) -> LedgerRevert | None:
    data = revert_data(error)
    decoded = decode_error(abi, data) if data else None
    return LedgerRevert(*decoded) if decoded else None


def _abi_type(param: dict[str, Any]) -> str:
    if param["type"].startswith("tuple"):
        inner = ",".join(_abi_type(c) for c in param["components"])
        return f"({inner}){param['type'][5:]}"
    return param["type"]

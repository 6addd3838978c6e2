"""Assert that a call reverts with a named custom error, the same way on py-evm and anvil.

web3 raises `ContractCustomError` (hex revert data) from an RPC node, while the in-process
eth-tester raises `TransactionFailed` with the revert bytes rendered as text; both are reduced to
raw bytes here and decoded against the contract's ABI.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eth_abi import decode
from eth_tester.exceptions import TransactionFailed
from eth_utils import keccak, to_checksum_address
from web3.exceptions import ContractCustomError

_PREFIX = "execution reverted: "


def revert_data(error: Exception) -> bytes:
    """The raw revert data carried by a failed call or transaction."""
    if isinstance(error, ContractCustomError):
        data = error.data if isinstance(error.data, str) else error.args[0]
        return bytes.fromhex(data.removeprefix("0x"))
    if isinstance(error, TransactionFailed):
        text = str(error.args[0]).removeprefix(_PREFIX)
        if text.startswith(("b'", 'b"')):
            return ast.literal_eval(text)
    raise AssertionError(f"not a custom-error revert: {error!r}") from error


def decode_error(abi: list[dict[str, Any]], data: bytes) -> tuple[str, tuple]:
    """(error name, decoded arguments) for revert data of an error declared in `abi`."""
    for item in abi:
        if item["type"] != "error":
            continue
        types = [_abi_type(i) for i in item["inputs"]]
        if keccak(text=f"{item['name']}({','.join(types)})")[:4] == data[:4]:
            values = decode(types, data[4:])
            # eth_abi gives lower-case addresses; web3 hands out checksummed ones.
            values = tuple(
                to_checksum_address(v) if t == "address" else v
                for t, v in zip(types, values, strict=True)
            )
            return item["name"], values
    raise AssertionError(f"revert data matches no error in the ABI: 0x{data.hex()}")


@contextmanager
def expect_revert(contract: Any, name: str, *args: Any) -> Iterator[None]:
    """Fail unless the block reverts with error `name` (and exactly `args`, when given)."""
    try:
        yield
    except (ContractCustomError, TransactionFailed) as error:
        actual_name, actual_args = decode_error(contract.abi, revert_data(error))
        assert actual_name == name, f"reverted with {actual_name}{actual_args}, expected {name}"
        if args:
            assert tuple(actual_args) == tuple(args), (
                f"{name} carried {actual_args}, expected {args}"
            )
    else:
        raise AssertionError(f"expected a revert with {name}, but the call succeeded")


def _abi_type(param: dict[str, Any]) -> str:
    if param["type"].startswith("tuple"):
        inner = ",".join(_abi_type(c) for c in param["components"])
        return f"({inner}){param['type'][5:]}"
    return param["type"]

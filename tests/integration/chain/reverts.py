"""Assert that a call reverts with a named custom error, the same way on py-evm and anvil.

The decoding is the product's own (governance.adapters.chain.reverts), so these tests also
check what the relayer reads from a refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eth_tester.exceptions import TransactionFailed
from web3.exceptions import ContractCustomError

from governance.adapters.chain.reverts import decode_error as _decode
from governance.adapters.chain.reverts import revert_data as _revert_data


def revert_data(error: Exception) -> bytes:
    """The raw revert data carried by a failed call or transaction."""
    data = _revert_data(error)
    if data is None:
        raise AssertionError(f"not a custom-error revert: {error!r}") from error
    return data


def decode_error(abi: list[dict[str, Any]], data: bytes) -> tuple[str, tuple]:
    """(error name, decoded arguments) for revert data of an error declared in `abi`."""
    decoded = _decode(abi, data)
    if decoded is None:
        raise AssertionError(f"revert data matches no error in the ABI: 0x{data.hex()}")
    return decoded


@contextmanager
def expect_revert(contract: Any, name: str, *args: Any) -> Iterator[None]:
    """Fail unless the block reverts with error `name` (and exactly `args`, when given)."""
    try:
        yield
    except (ContractCustomError, TransactionFailed) as error:
        actual_name, actual_args = decode_error(contract.abi, revert_data(error))
        assert actual_name == name, f"reverted with {actual_name}{actual_args}, expected {name}"
        if args:
            assert tuple(actual_args) == tuple(args), f"{name} carried {actual_args}, expected {args}"
    else:
        raise AssertionError(f"expected a revert with {name}, but the call succeeded")

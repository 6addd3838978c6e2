"""The two EVMs the chain tests run on, behind one small interface.

py-evm runs in process (web3's EthereumTesterProvider); anvil is the node binary npm installs into
contracts/node_modules. Both expose ten funded, unlocked dev accounts, so tests send plain
`transact({"from": ...})` on either.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider

REPO = Path(__file__).resolve().parents[3]
ANVIL = REPO / "contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"


@dataclass
class Chain:
    """A connected EVM plus the few node-specific controls tests need."""

    name: str
    w3: Web3
    _travel: Callable[[int], None]
    _snapshot: Callable[[], Any]
    _revert: Callable[[Any], None]
    _close: Callable[[], None] = field(default=lambda: None)

    @property
    def accounts(self) -> list[str]:
        return self.w3.eth.accounts

    def now(self) -> int:
        """Timestamp of the latest block."""
        return self.w3.eth.get_block("latest")["timestamp"]

    def travel_to(self, timestamp: int) -> None:
        """Make the next transaction run at exactly `timestamp` (forward only)."""
        self._travel(timestamp)

    def snapshot(self) -> Any:
        return self._snapshot()

    def revert(self, snapshot: Any) -> None:
        self._revert(snapshot)

    def close(self) -> None:
        self._close()


def pyevm_chain() -> Chain:
    w3 = Web3(EthereumTesterProvider())
    tester = w3.provider.ethereum_tester
    return Chain(
        name="py-evm",
        w3=w3,
        # time_travel sets the pending block's timestamp, which is where the next transaction lands.
        _travel=tester.time_travel,
        _snapshot=tester.take_snapshot,
        _revert=tester.revert_to_snapshot,
    )


def anvil_chain(startup_timeout: float = 10.0, extra_args: tuple[str, ...] = ()) -> Chain:
    port = _free_port()
    address = ["--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [str(ANVIL), *address, "--hardfork", "prague", "--silent", *extra_args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    w3 = Web3(Web3.HTTPProvider(f"http://127.0.0.1:{port}", request_kwargs={"timeout": 30}))
    try:
        _wait_until_answering(w3, process, startup_timeout)
    except BaseException:
        _stop(process)
        raise

    def rpc(method: str, *params: Any) -> Any:
        response = w3.provider.make_request(method, list(params))
        if "error" in response:
            raise RuntimeError(f"{method}: {response['error']}")
        return response["result"]

    return Chain(
        name="anvil",
        w3=w3,
        _travel=lambda timestamp: rpc("evm_setNextBlockTimestamp", timestamp),
        _snapshot=lambda: rpc("evm_snapshot"),
        _revert=lambda snapshot: rpc("evm_revert", snapshot),
        _close=lambda: _stop(process),
    )


def anvil_missing_reason() -> str | None:
    """Why anvil cannot run here, or None. Under CI a missing anvil is a failure, not a skip."""
    if ANVIL.exists():
        return None
    reason = f"anvil not installed at {ANVIL.relative_to(REPO)}: run `npm ci --prefix contracts`"
    if os.environ.get("CI"):
        raise RuntimeError(reason)
    return reason


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_answering(w3: Web3, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"anvil exited with code {process.returncode} before answering")
        try:
            if w3.eth.chain_id:
                return
        except Exception:
            time.sleep(0.05)
    raise TimeoutError(f"anvil did not answer within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

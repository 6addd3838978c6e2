"""Connecting to a chain: the embedded py-evm (demo, tests) or any JSON-RPC node."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property

from eth_account import Account
from eth_account.signers.local import LocalAccount
from web3 import Web3

from governance.redaction import public_url

log = logging.getLogger(__name__)


@dataclass
class ChainConnection:
    w3: Web3
    recorder: LocalAccount  # signs every write; owns the nonce sequence
    embedded: bool
    description: str
    genesis_state: dict | None = None  # embedded: the accounts it started with (kept by a replay)
    replaying: bool = False  # embedded: re-recording history, each block stamped at its records' time

    @cached_property
    def chain_id(self) -> int:  # asked for every signed transaction; a chain never changes it
        return self.w3.eth.chain_id

    def genesis_hash(self) -> str:
        return self.w3.eth.get_block(0)["hash"].to_0x_hex()

    def sync_time(self, timestamp: int) -> None:
        """Embedded chain only: let the next block carry `timestamp` (a demo's simulated clock). Not
        while replaying: its blocks carry their records' own times."""
        if self.embedded and not self.replaying:
            tester = self.w3.provider.ethereum_tester
            if timestamp > self.w3.eth.get_block("pending")["timestamp"]:
                tester.time_travel(timestamp)


    def replay_from(self, timestamp: int) -> bool:
        """Embedded chain, still empty (block 0), only: starts it again at `timestamp` in the past, so
        records the database kept from before it existed (a restart: the embedded chain does not survive
        one) are recorded at their own times, each proposal opened, voted and closed within its window as
        it was. True if it did."""
        if not self.embedded or self.w3.eth.block_number != 0:
            return False
        from eth_tester import PyEVMBackend

        tester = self.w3.provider.ethereum_tester
        params = PyEVMBackend.generate_genesis_params(overrides={"timestamp": timestamp})
        state = self.genesis_state or PyEVMBackend.generate_genesis_state(
            num_accounts=len(tester.backend.account_keys))
        tester.backend.reset_to_genesis(genesis_params=params, genesis_state=state)
        tester._reset_local_state()
        self.replaying = True
        return True

    def stamp_next_block(self, timestamp: int) -> None:
        """While replaying: the next block carries `timestamp` (or one second after the latest)."""
        if self.replaying:
            backend = self.w3.provider.ethereum_tester.backend
            latest = self.w3.eth.get_block("latest")["timestamp"]
            backend.chain.header = backend.chain.header.copy(timestamp=max(timestamp, latest + 1))

    def end_replay(self) -> None:
        self.replaying = False


def embedded_chain(genesis_accounts: dict[bytes, dict] | None = None) -> ChainConnection:
    """py-evm in this process. Its records vanish when the process exits: for demos and tests.
    genesis_accounts: contracts already there at the start (the demo's stand-in tokens), beside
    the ten funded development accounts."""
    from eth_tester import EthereumTester, PyEVMBackend
    from eth_tester.backends.pyevm.main import get_default_account_keys
    from web3.providers.eth_tester import EthereumTesterProvider

    backend = PyEVMBackend()
    genesis = None
    if genesis_accounts:
        state = PyEVMBackend.generate_genesis_state(num_accounts=len(get_default_account_keys()))
        genesis = {**state, **genesis_accounts}
        backend = PyEVMBackend(genesis_state=genesis)
    w3 = Web3(EthereumTesterProvider(EthereumTester(backend)))
    recorder = Account.from_key(get_default_account_keys()[0].to_bytes())
    return ChainConnection(w3, recorder, embedded=True, description="embedded py-evm (in memory)",
                           genesis_state=genesis)


def rpc_chain(url: str, private_key: str, timeout: float = 20.0) -> ChainConnection:
    w3 = Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": timeout}))
    recorder = Account.from_key(private_key)
    # scheme and host only: the path and query of a provider's URL often hold its API key
    return ChainConnection(w3, recorder, embedded=False, description=f"JSON-RPC node at {public_url(url)}")

"""Signing and broadcasting the recorder's transactions.

Signing is separate from sending on purpose: the relayer stores the signed bytes
before broadcasting them, so after a crash it can only ever resend the same
transaction (same nonce), never a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web3.exceptions import TimeExhausted, TransactionNotFound

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.reverts import as_ledger_revert

GAS_MARGIN = 1.25  # estimates are exact for the state they ran on; batches can touch a fresh word


@dataclass(frozen=True)
class SignedTx:
    tx_hash: str
    raw: str
    nonce: int


class TxSender:
    def __init__(self, connection: ChainConnection, abi: list[dict[str, Any]]):
        self.connection = connection
        self.w3 = connection.w3
        self.account = connection.recorder
        self.abi = abi

    @property
    def address(self) -> str:
        return self.account.address

    def chain_nonce(self) -> int:
        return self.w3.eth.get_transaction_count(self.account.address, "pending")

    def sign(self, call: Any, nonce: int) -> SignedTx:
        """Pre-flights the call (a named ledger error surfaces here) and signs it."""
        try:
            if self.connection.embedded:  # eth-tester always estimates on the pending block
                gas = call.estimate_gas({"from": self.address})
            else:  # the block the transaction will land in, whose time may differ from the latest's
                gas = call.estimate_gas({"from": self.address}, block_identifier="pending")
        except Exception as error:
            revert = as_ledger_revert(self.abi, error)
            if revert is not None:
                raise revert from None
            raise
        tx = call.build_transaction({
            "from": self.address, "nonce": nonce, "gas": int(gas * GAS_MARGIN) + 10_000,
            "chainId": self.connection.chain_id,
        })
        signed = self.account.sign_transaction(tx)
        return SignedTx(signed.hash.to_0x_hex(), signed.raw_transaction.to_0x_hex(), nonce)

    def broadcast(self, raw: str) -> None:
        try:
            self.w3.eth.send_raw_transaction(raw)
        except Exception as error:  # a resend of a known or already mined transaction is fine
            text = str(error).lower()
            if not any(s in text for s in ("already known", "nonce too low", "known transaction")):
                raise

    def receipt(self, tx_hash: str, wait: float = 0.0) -> Any | None:
        try:
            if wait:
                return self.w3.eth.wait_for_transaction_receipt(tx_hash, timeout=wait, poll_latency=0.05)
            return self.w3.eth.get_transaction_receipt(tx_hash)
        except (TransactionNotFound, TimeExhausted):
            return None

    def latest_block(self) -> int:
        return self.w3.eth.block_number


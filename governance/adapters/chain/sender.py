"""Signing and broadcasting the recorder's transactions.

Signing is separate from sending on purpose: the relayer stores the signed bytes
before broadcasting them, so after a crash it can only ever resend the same
transaction (same nonce), never a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web3.exceptions import TimeExhausted, TransactionNotFound, Web3RPCError

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.errors import BroadcastRejected, rpc_message
from governance.adapters.chain.reverts import as_ledger_revert
from governance.ports import ChainRefused

REPLAY_GAS = 8_000_000  # a replaying embedded chain's calls (its recorder is a funded development account)
GAS_MARGIN = 1.25  # estimates are exact for the state they ran on; batches can touch a fresh word
# what a node says when it already has (or already mined) the very transaction we resend
_ALREADY_THERE = ("already known", "nonce too low", "known transaction")
MISSING_ROLE = ("the ledger refuses the recorder key {address}: it lacks the recorder role there; set "
                "FOLKMOOT_CHAIN_PRIVATE_KEY to the key that deployed the ledger, or grant this address the "
                "recorder role")


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
            if self.connection.replaying and hasattr(call, "call"):
                # eth-tester estimates on a block stamped with the wall clock, not the replayed time the
                # next block carries: pre-flight on that block itself, with a fixed gas limit
                call.call({"from": self.address}, block_identifier="pending")
                gas = REPLAY_GAS
            elif self.connection.embedded:  # eth-tester always estimates on the pending block
                gas = call.estimate_gas({"from": self.address})
            else:  # the block the transaction will land in, whose time may differ from the latest's
                gas = call.estimate_gas({"from": self.address}, block_identifier="pending")
        except Exception as error:
            revert = as_ledger_revert(self.abi, error)
            if revert is not None and revert.name == "AccessControlUnauthorizedAccount" \
                    and revert.values[0] == self.address:
                raise ChainRefused(MISSING_ROLE.format(address=self.address)) from None  # the operator's key
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
        """Raises BroadcastRejected when the node refuses the transaction (e.g. the sender cannot pay)."""
        try:
            self.w3.eth.send_raw_transaction(raw)
        except Exception as error:  # a resend of a known or already mined transaction is fine
            message = rpc_message(error)
            if any(s in message.lower() for s in _ALREADY_THERE):
                return
            if isinstance(error, Web3RPCError | ValueError) or type(error).__name__ == "ValidationError":
                raise BroadcastRejected(message[:300]) from None  # a JSON-RPC error, or eth-tester's refusal
            raise

    def nonce_used(self, sender: str, nonce: int) -> bool:
        """Whether `sender` has mined, or has pending, a transaction with this nonce (any transaction)."""
        return self.w3.eth.get_transaction_count(sender, "pending") > nonce

    def receipt(self, tx_hash: str, wait: float = 0.0) -> Any | None:
        try:
            if wait:
                return self.w3.eth.wait_for_transaction_receipt(tx_hash, timeout=wait, poll_latency=0.05)
            return self.w3.eth.get_transaction_receipt(tx_hash)
        except (TransactionNotFound, TimeExhausted):
            return None

    def latest_block(self) -> int:
        return self.w3.eth.block_number


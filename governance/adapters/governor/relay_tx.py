"""Sending one relayed transaction from the recorder key to a followed Governor or its token: pre-flight
(a refusal is the member's error, with the contract's reason, and nothing is sent), a recorder that
cannot pay is said so, then send and wait for the receipt."""

from __future__ import annotations

from typing import Any

from governance.adapters.chain.connection import ChainConnection
from governance.errors import InvalidInput, Unavailable

RECEIPT_WAIT = 60.0  # seconds
GAS_MARGIN = 1.2


def send_relayed(connection: ChainConnection, call: Any, refused: str) -> Any:
    """The mined receipt of `call` sent by the recorder; `refused` starts the refusal's sentence."""
    w3 = connection.w3
    sender = connection.recorder.address
    try:
        gas = call.estimate_gas({"from": sender})
    except Exception as error:  # the contract refuses it: nothing is sent
        raise InvalidInput(f"{refused}: {reason(error)}") from None
    if w3.eth.get_balance(sender) < gas * w3.eth.gas_price:
        raise Unavailable(f"The community's recorder {sender} cannot pay for gas right now; nothing was sent.")
    tx = call.build_transaction({"from": sender, "gas": int(gas * GAS_MARGIN) + 10_000, "chainId": connection.chain_id,
                                 "nonce": w3.eth.get_transaction_count(sender, "pending")})
    signed = connection.recorder.sign_transaction(tx)
    w3.eth.send_raw_transaction(signed.raw_transaction)
    receipt = w3.eth.wait_for_transaction_receipt(signed.hash, timeout=RECEIPT_WAIT, poll_latency=0.1)
    if receipt["status"] != 1:
        raise InvalidInput(f"{refused} (transaction {signed.hash.to_0x_hex()} reverted).")
    return receipt


def reason(error: Exception) -> str:
    """A contract's refusal in a few words: its custom error's selector or message, never a traceback."""
    data = getattr(error, "data", None)
    text = str(error.args[0] if getattr(error, "args", None) else error)
    if isinstance(data, str) and data.startswith("0x") and len(data) >= 10 and "revert" not in text.lower():
        return f"custom error {data[:10]}"
    return text.replace("\n", " ")[:200]

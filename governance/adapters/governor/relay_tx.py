"""Sending one relayed transaction from the recorder key to a followed Governor or its token: pre-flight
(a refusal is the member's error, with the contract's reason, and nothing is sent), a recorder that
cannot pay is said so, then send and wait for the receipt."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any

from eth_abi import decode
from eth_utils import keccak
from web3.exceptions import TimeExhausted

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.reverts import revert_data
from governance.errors import InvalidInput, Unavailable

RECEIPT_WAIT = 60.0  # seconds
GAS_MARGIN = 1.2


_LOCKS: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
NONCE_RACES = ("nonce too low", "already known", "replacement transaction underpriced", "nonce has already been used")
ATTEMPTS = 3


def send_relayed(connection: ChainConnection, call: Any, refused: str) -> Any:
    """The mined receipt of `call` sent by the recorder; `refused` starts the refusal's sentence.

    One relayed transaction at a time per recorder in this process takes the next nonce and is
    broadcast; another process (or the ledger's relayer) taking the same nonce first makes the node
    refuse ours: it is pre-flighted again (the chain may now refuse it, e.g. already voted) and signed
    with the next nonce."""
    w3 = connection.w3
    sender = connection.recorder.address
    with _LOCKS[sender]:
        for attempt in range(ATTEMPTS):
            try:
                gas = call.estimate_gas({"from": sender})
            except Exception as error:  # the contract refuses it: nothing is sent
                raise InvalidInput(f"{refused}: {reason(error)}") from None
            if w3.eth.get_balance(sender) < gas * w3.eth.gas_price:
                raise Unavailable(f"The community's recorder {sender} cannot pay for gas right now; nothing was sent.")
            tx = call.build_transaction({"from": sender, "gas": int(gas * GAS_MARGIN) + 10_000,
                                         "chainId": connection.chain_id,
                                         "nonce": w3.eth.get_transaction_count(sender, "pending")})
            signed = connection.recorder.sign_transaction(tx)
            try:
                w3.eth.send_raw_transaction(signed.raw_transaction)
                break
            except Exception as error:
                if attempt + 1 < ATTEMPTS and any(race in str(error).lower() for race in NONCE_RACES):
                    continue
                raise
    try:
        receipt = w3.eth.wait_for_transaction_receipt(signed.hash, timeout=RECEIPT_WAIT, poll_latency=0.1)
    except TimeExhausted:  # sent, not mined yet: it may still be, so no second copy is sent
        raise Unavailable(f"Transaction {signed.hash.to_0x_hex()} was sent but not mined within {RECEIPT_WAIT:g} s; "
                          "it may still be: check before signing again (a second signature for the same thing "
                          "is refused once the first is mined).") from None
    if receipt["status"] != 1:
        raise InvalidInput(f"{refused} (transaction {signed.hash.to_0x_hex()} reverted).")
    return receipt


KNOWN_ERRORS = {  # OpenZeppelin 5's errors on these paths, in words
    "GovernorAlreadyCastVote(address)": "that account has already voted on this proposal",
    "GovernorInvalidSignature(address)": "the signature is not that account's",
    "GovernorUnexpectedProposalState(uint256,uint8,bytes32)": "voting on this proposal is not open",
    "GovernorNonexistentProposal(uint256)": "the Governor does not know this proposal",
    "GovernorInvalidVoteType()": "not a valid choice",
    "InvalidAccountNonce(address,uint256)": "the signature's nonce was used already",
    "VotesExpiredSignature(uint256)": "the signature expired",
}
_SELECTORS = {"0x" + keccak(text=signature)[:4].hex(): words for signature, words in KNOWN_ERRORS.items()}
ERROR_STRING = "0x08c379a0"  # Error(string): OpenZeppelin 4's require messages


def reason(error: Exception) -> str:
    """A contract's refusal in a few words, never a traceback."""
    data = revert_data(error)
    if data:
        selector = "0x" + data[:4].hex()
        if selector in _SELECTORS:
            return _SELECTORS[selector]
        if selector == ERROR_STRING:
            try:
                return decode(["string"], data[4:])[0][:200]
            except Exception:  # noqa: BLE001 - malformed revert data: say what we have
                pass
        return f"error {selector}"
    text = str(error.args[0] if getattr(error, "args", None) else error)
    return text.replace("\n", " ")[:200]

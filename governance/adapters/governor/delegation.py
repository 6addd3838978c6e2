"""Relaying a holder's signed `Delegation` to a followed Governor's token (`delegateBySig`), gas-free.

The signature is checked here first, against the token's own EIP-712 domain (`eip712Domain()` where
the token has it, as OpenZeppelin 4.9 and 5 do; else its `name()` and `version()`, or "1"): chain,
token, expiry, nonce and signer, each refused with its own sentence, so nothing doomed is sent. Then
the recorder key sends the transaction and waits for its receipt."""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import encode_typed_data
from eth_keys.exceptions import BadSignature
from eth_utils.exceptions import ValidationError
from web3 import Web3

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.governor.reads import read, read_one
from governance.adapters.governor.relay_tx import send_relayed
from governance.adapters.sql.governor_tables import FollowedGovernorRow
from governance.domain.governor.delegation import (
    DelegationDomain,
    RelayedDelegation,
    SignedDelegation,
    delegation_typed_data,
)
from governance.errors import InvalidInput

DELEGATE_BY_SIG_ABI = [{
    "type": "function", "name": "delegateBySig", "stateMutability": "nonpayable", "outputs": [],
    "inputs": [{"name": "delegatee", "type": "address"}, {"name": "nonce", "type": "uint256"},
               {"name": "expiry", "type": "uint256"}, {"name": "v", "type": "uint8"},
               {"name": "r", "type": "bytes32"}, {"name": "s", "type": "bytes32"}],
}]


def delegation_domain(w3: Web3, row: FollowedGovernorRow, delegator: str) -> DelegationDomain:
    token = Web3.to_checksum_address(row.token_address)
    found = read(w3, token, "eip712Domain()", ["bytes1", "string", "string", "uint256", "address", "bytes32",
                                                "uint256[]"])
    if found is not None:
        _, name, version, chain_id, contract, _, _ = found
    else:  # before ERC-5267: the name, and the version if the token says (ERC20Permit signs with "1")
        name = read_one(w3, token, "name()", "string") or ""
        version = read_one(w3, token, "version()", "string") or "1"
        chain_id, contract = w3.eth.chain_id, token
    nonce = read_one(w3, token, "nonces(address)", "uint256", [Web3.to_checksum_address(delegator)]) or 0
    return DelegationDomain(name, version, chain_id, contract.lower(), nonce, w3.eth.get_block("latest")["timestamp"])


def check_delegation(domain: DelegationDomain, d: SignedDelegation) -> tuple[int, bytes, bytes]:
    """Refuses, with the reason, a delegation the token would refuse; returns (v, r, s)."""
    if d.chain_id != domain.chain_id:
        raise InvalidInput(f"That delegation was signed for chain {d.chain_id}; the token is on chain "
                           f"{domain.chain_id}. Sign it again on chain {domain.chain_id}.")
    if d.token.lower() != domain.token:
        raise InvalidInput(f"That delegation was signed for the token {d.token}, not this Governor's token "
                           f"{Web3.to_checksum_address(domain.token)}.")
    if d.expiry <= domain.now:
        raise InvalidInput(f"That delegation expired (expiry {d.expiry}, the chain's time is {domain.now}); "
                           "sign a new one.")
    if d.nonce != domain.nonce:
        raise InvalidInput(f"That delegation carries nonce {d.nonce}, but the token expects {domain.nonce} "
                           "for this wallet (it was used already, or another delegation went first); sign "
                           "a new one.")
    try:
        raw = bytes.fromhex(d.signature.removeprefix("0x"))
        message = encode_typed_data(full_message=delegation_typed_data(domain, d.delegatee, d.nonce, d.expiry))
        signer = Account.recover_message(message, signature=raw)
    except (ValueError, ValidationError, BadSignature):
        raise InvalidInput("That is not a valid signature (65 bytes, 0x hex).") from None
    if signer.lower() != d.delegator.lower():
        raise InvalidInput(f"That signature is not {d.delegator}'s over this Delegation for the token "
                           f"{Web3.to_checksum_address(domain.token)} on chain {domain.chain_id} (another wallet, "
                           "or other values, signed it).")
    return raw[64] if raw[64] >= 27 else raw[64] + 27, raw[:32], raw[32:64]


def relay_delegation(connection: ChainConnection, row: FollowedGovernorRow, d: SignedDelegation
                     ) -> RelayedDelegation:
    """Checks, then sends `delegateBySig` from the recorder key and waits for the receipt."""
    w3 = connection.w3
    v, r, s = check_delegation(delegation_domain(w3, row, d.delegator), d)
    token = w3.eth.contract(address=Web3.to_checksum_address(row.token_address), abi=DELEGATE_BY_SIG_ABI)
    call = token.functions.delegateBySig(Web3.to_checksum_address(d.delegatee), d.nonce, d.expiry, v, r, s)
    receipt = send_relayed(connection, call, "The token refuses that delegation")
    return RelayedDelegation(d.delegator.lower(), d.delegatee.lower(), receipt["transactionHash"].to_0x_hex(),
                             receipt["blockNumber"], receipt["gasUsed"])

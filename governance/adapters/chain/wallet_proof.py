"""Proving control of a wallet before linking it to a member's voter slot.

The member signs a fixed message (EIP-191 personal_sign). An ordinary account (EOA) proves
control when the signature recovers to its address; a contract wallet (a Safe, say) when its
ERC-1271 `isValidSignature` accepts the message's hash.
"""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import defunct_hash_message, encode_defunct
from eth_keys.exceptions import BadSignature
from eth_utils.exceptions import ValidationError
from web3 import Web3
from web3.exceptions import BadFunctionCallOutput, ContractLogicError

from governance.domain.wallet_links import link_message

__all__ = ["link_message", "proves_control"]

ERC1271_MAGIC = bytes.fromhex("1626ba7e")  # isValidSignature(bytes32,bytes).selector
ERC1271_ABI = [{
    "type": "function", "name": "isValidSignature", "stateMutability": "view",
    "inputs": [{"name": "hash", "type": "bytes32"}, {"name": "signature", "type": "bytes"}],
    "outputs": [{"name": "", "type": "bytes4"}],
}]



def proves_control(community_id: int, voter: str, wallet: str, signature: str | bytes,
                   w3: Web3 | None = None) -> bool:
    """True if `signature` over the link message comes from `wallet`; `w3` enables contract wallets."""
    message = encode_defunct(text=link_message(community_id, voter, wallet))
    try:
        if Account.recover_message(message, signature=signature).lower() == wallet.lower():
            return True
    except (ValueError, ValidationError, BadSignature):  # no ECDSA signature: perhaps a wallet's own
        pass
    if w3 is None or not w3.eth.get_code(Web3.to_checksum_address(wallet)):
        return False
    wallet_contract = w3.eth.contract(address=Web3.to_checksum_address(wallet), abi=ERC1271_ABI)
    try:
        raw = bytes.fromhex(signature.removeprefix("0x")) if isinstance(signature, str) else signature
    except ValueError:
        return False
    digest = defunct_hash_message(text=link_message(community_id, voter, wallet))
    try:
        return wallet_contract.functions.isValidSignature(digest, raw).call() == ERC1271_MAGIC
    except (ContractLogicError, BadFunctionCallOutput):  # reverts, or is no ERC-1271 wallet: not proof
        return False

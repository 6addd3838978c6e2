"""Proving control of a wallet before linking it to a member's voter slot (EIP-191 personal message)."""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import encode_defunct


def link_message(community_id: int, voter: str, wallet: str) -> str:
    return (f"I link wallet {wallet.lower()} to my folkmoot vote as {voter} "
            f"in community {community_id}.")


def proves_control(community_id: int, voter: str, wallet: str, signature: str | bytes) -> bool:
    message = encode_defunct(text=link_message(community_id, voter, wallet))
    try:
        signer = Account.recover_message(message, signature=signature)
    except Exception:  # malformed signatures are simply not proof
        return False
    return signer.lower() == wallet.lower()

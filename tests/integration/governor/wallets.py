"""Anvil's development accounts as wallets that sign (its default mnemonic), linked to members."""

from __future__ import annotations

from functools import cache

from eth_account import Account
from eth_account.messages import encode_defunct, encode_typed_data
from eth_account.signers.local import LocalAccount

from governance.adapters.chain.wallet_proof import link_message
from governance.domain import Actor
from governance.domain.governor.delegation import SignedDelegation, delegation_typed_data

MNEMONIC = "test test test test test test test test test test test junk"  # anvil's, public


@cache
def wallet(index: int) -> LocalAccount:
    """Anvil's account `index` (0 is the recorder; 1..5 the DAO's holders)."""
    Account.enable_unaudited_hdwallet_features()
    return Account.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{index}")


def member(index: int) -> Actor:
    return Actor(id=f"discord:{1000 + index}")


def link(app, community_id: int, index: int) -> Actor:
    """Member 1000+index links anvil account `index`, signing the link message."""
    actor, account = member(index), wallet(index)
    message = encode_defunct(text=link_message(community_id, actor.id, account.address))
    app.link_wallet(community_id, actor, account.address, Account.sign_message(message, account.key).signature.to_0x_hex())
    return actor


def signed_delegation(app, community_id: int, index: int, delegatee: str, *, expiry: int | None = None,
                      nonce: int | None = None, chain_id: int | None = None, token: str | None = None
                      ) -> SignedDelegation:
    """Account `index` signs a Delegation as a wallet would (eth_signTypedData_v4), for the token's
    real domain unless told otherwise (another chain, token or nonce, an expiry)."""
    account = wallet(index)
    domain = app.delegation_domain(community_id, account.address)
    signed_for = type(domain)(domain.name, domain.version, chain_id or domain.chain_id, token or domain.token,
                              domain.nonce, domain.now)
    nonce = domain.nonce if nonce is None else nonce
    expiry = domain.now + 3600 if expiry is None else expiry
    data = delegation_typed_data(signed_for, delegatee, nonce, expiry)
    signature = Account.sign_message(encode_typed_data(full_message=data), account.key).signature.to_0x_hex()
    return SignedDelegation(account.address, delegatee, nonce, expiry, signature, signed_for.chain_id,
                            signed_for.token)

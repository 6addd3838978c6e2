"""The demo's wallet holder: links a wallet, signs an EIP-712 ballot, and a stranger relays it."""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import encode_defunct
from eth_tester.backends.pyevm.main import get_default_account_keys

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.eip712 import sign_ballot
from governance.adapters.chain.keys import proposal_key
from governance.adapters.chain.wallet_proof import link_message
from governance.app import Governance
from governance.domain import Actor, Support


def link_wallet(gov: Governance, community_id: int, who: Actor):
    wallet = Account.create("folkmoot demo wallet")
    proof = Account.sign_message(encode_defunct(text=link_message(community_id, who.id, wallet.address)),
                                 wallet.key).signature.to_0x_hex()
    gov.link_wallet(community_id, who, wallet.address, proof)
    return wallet


def cast_signed_ballot(gov: Governance, community_id: int, wallet, proposal_id: int, support: Support,
                       submitter=None, voter: str | None = None) -> str:
    """Signs a ballot with the wallet's key and has an unrelated funded account submit it; returns
    the tx hash. `voter`: a contract wallet whose ERC-1271 check accepts that key's signatures."""
    w3 = gov.chain.connection.w3
    deployment = gov.chain.relayer.store.deployment(community_id)
    ledger = w3.eth.contract(address=deployment.address, abi=load_artifact("FolkmootLedger").abi)
    key = proposal_key(proposal_id)
    deadline = w3.eth.get_block("latest")["timestamp"] + 3600
    voter = voter or wallet.address
    nonce = ledger.functions.nonces(voter).call()
    signature = sign_ballot(wallet, chain_id=w3.eth.chain_id, ledger=deployment.address, proposal_key=key,
                            support=int(support), voter=voter, nonce=nonce, deadline=deadline)
    stranger = submitter or Account.from_key(get_default_account_keys()[5].to_bytes())
    tx = ledger.functions.castVoteBySig(key, int(support), voter, nonce, deadline, signature
                                        ).build_transaction({"from": stranger.address,
                                                             "nonce": w3.eth.get_transaction_count(stranger.address)})
    tx_hash = w3.eth.send_raw_transaction(stranger.sign_transaction(tx).raw_transaction)
    w3.eth.wait_for_transaction_receipt(tx_hash)
    return tx_hash.to_0x_hex()

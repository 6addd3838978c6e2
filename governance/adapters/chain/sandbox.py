"""Parties outside folkmoot on a demo or test chain: a member's wallet that signs the link message
and an EIP-712 ballot, and a stranger who submits the signed ballot (anyone may). The demo plays
them (`folkmoot demo`); `governance.bootstrap.chain_sandbox` gives one for an app's chain."""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import encode_defunct
from eth_account.signers.local import LocalAccount

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.eip712 import sign_ballot
from governance.adapters.chain.keys import proposal_key
from governance.adapters.chain.store import ChainStore
from governance.adapters.chain.wallet_proof import link_message
from governance.adapters.chain.web3_chain import Web3Chain
from governance.domain import Support

STRANGER = 5  # which of the embedded chain's funded development accounts submits ballots


class ChainSandbox:
    def __init__(self, chain: Web3Chain):
        self.w3 = chain.connection.w3
        self.store: ChainStore = chain.relayer.store
        self.abi = load_artifact("FolkmootLedger").abi

    def new_wallet(self) -> LocalAccount:
        return Account.create("folkmoot demo wallet")

    def link_signature(self, wallet: LocalAccount, community_id: int, voter: str) -> str:
        """The wallet's signature of the message that links it to the voter (see /wallet)."""
        message = encode_defunct(text=link_message(community_id, voter, wallet.address))
        return Account.sign_message(message, wallet.key).signature.to_0x_hex()

    def page_signer(self, wallet: LocalAccount) -> PageSigner:
        """The wallet as the wallet page's script sees one: personal_sign and eth_signTypedData_v4."""
        return PageSigner(wallet)

    def cast_signed_ballot(self, community_id: int, wallet: LocalAccount, proposal_id: int, support: Support,
                           submitter: LocalAccount | None = None, voter: str | None = None) -> str:
        """Signs a ballot with the wallet's key and has an unrelated funded account submit it; returns
        the tx hash. `voter`: a contract wallet whose ERC-1271 check accepts that key's signatures."""
        deployment = self.store.deployment(community_id)
        ledger = self.w3.eth.contract(address=deployment.address, abi=self.abi)
        key = proposal_key(proposal_id)
        deadline = self.w3.eth.get_block("latest")["timestamp"] + 3600
        voter = voter or wallet.address
        nonce = ledger.functions.nonces(voter).call()
        signature = sign_ballot(wallet, chain_id=self.w3.eth.chain_id, ledger=deployment.address,
                                proposal_key=key, support=int(support), voter=voter, nonce=nonce,
                                deadline=deadline)
        stranger = submitter or _development_account(STRANGER)
        tx = ledger.functions.castVoteBySig(key, int(support), voter, nonce, deadline, signature
                                            ).build_transaction({"from": stranger.address,
                                                                 "nonce": self.w3.eth.get_transaction_count(
                                                                     stranger.address)})
        tx_hash = self.w3.eth.send_raw_transaction(stranger.sign_transaction(tx).raw_transaction)
        self.w3.eth.wait_for_transaction_receipt(tx_hash)
        return tx_hash.to_0x_hex()


class PageSigner:
    def __init__(self, wallet: LocalAccount):
        self.wallet = wallet
        self.address = wallet.address

    def sign_message(self, text: str) -> str:  # personal_sign
        return Account.sign_message(encode_defunct(text=text), self.wallet.key).signature.to_0x_hex()

    def sign_typed_data(self, typed: dict) -> str:  # eth_signTypedData_v4
        return Account.sign_typed_data(self.wallet.key, full_message=typed).signature.to_0x_hex()


def _development_account(index: int) -> LocalAccount:
    from eth_tester.backends.pyevm.main import get_default_account_keys

    return Account.from_key(get_default_account_keys()[index].to_bytes())

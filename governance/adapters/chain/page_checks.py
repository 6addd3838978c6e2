"""What the wallet page asks the chain before anything is queued: where ballots are signed for (chain id
and ledger), a wallet's next nonce, whether a ballot's signature is the wallet's (an EOA's key, or an
ERC-1271 contract wallet's `isValidSignature`), and Sign-In with Ethereum (EIP-4361, the `siwe` package)
to link a wallet."""

from __future__ import annotations

import warnings
from datetime import datetime

from eth_account import Account
from eth_account.messages import _hash_eip191_message, encode_typed_data
from eth_keys.exceptions import BadSignature
from eth_utils.exceptions import ValidationError
from web3 import Web3
from web3.exceptions import BadFunctionCallOutput, ContractLogicError

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.eip712 import ballot_typed_data
from governance.adapters.chain.keys import proposal_key
from governance.adapters.chain.store import ChainStore
from governance.adapters.chain.wallet_proof import ERC1271_ABI, ERC1271_MAGIC
from governance.domain.wallet_page import BallotDomain, PageBallot
from governance.errors import InvalidInput

with warnings.catch_warnings():  # abnf notes that siwe's grammar restates RFC 5234's core rules
    warnings.simplefilter("ignore")
    from siwe import SiweMessage, VerificationError

SIGN_IN_STATEMENT = "Link this wallet to my vote in folkmoot. This is not a transaction and costs nothing."
_SIWE_REFUSALS = {
    "DomainMismatch": "The sign-in message names another site; sign the message this page asks for.",
    "NonceMismatch": "The sign-in message belongs to another visit of this page; reload the page and try again.",
    "ExpiredMessage": "The sign-in message has expired; reload the page and sign again.",
    "NotYetValidMessage": "The sign-in message is not valid yet; check your computer's clock.",
    "InvalidSignature": "The signature does not match the wallet in the sign-in message.",
}


def _signature_bytes(signature: str) -> bytes:
    try:
        return bytes.fromhex(signature.removeprefix("0x"))
    except ValueError:
        raise InvalidInput("The signature is not hex.") from None


class PageChecks:
    def __init__(self, connection: ChainConnection, store: ChainStore, abi: list):
        self.connection = connection
        self.store = store
        self.abi = abi

    @property
    def w3(self) -> Web3:
        return self.connection.w3

    def domain(self, community_id: int) -> BallotDomain | None:
        deployment = self.store.deployment(community_id)
        if deployment is None:
            return None
        return BallotDomain(deployment.chain_id, Web3.to_checksum_address(deployment.address))

    def nonce(self, community_id: int, wallet: str) -> int:
        domain = self.domain(community_id)
        if domain is None:
            return 0
        ledger = self.w3.eth.contract(address=domain.ledger, abi=self.abi)
        return ledger.functions.nonces(Web3.to_checksum_address(wallet)).call()

    def typed_data(self, community_id: int, ballot: PageBallot, as_json: bool = True) -> dict:
        """The EIP-712 document the wallet signs (`eth_signTypedData_v4`); bytes as 0x hex when `as_json`."""
        domain = self.domain(community_id)
        if domain is None:
            raise InvalidInput("This community's ledger is not deployed yet; try again in a minute.")
        key = proposal_key(ballot.proposal_id)
        return ballot_typed_data(chain_id=domain.chain_id, ledger=domain.ledger,
                                 proposal_key="0x" + key.hex() if as_json else key, support=ballot.support,
                                 voter=Web3.to_checksum_address(ballot.wallet), nonce=ballot.nonce,
                                 deadline=ballot.deadline)

    def ballot_signed(self, community_id: int, ballot: PageBallot) -> bool:
        """True if the ballot's signature is the wallet's, for this community's ledger and chain."""
        if self.domain(community_id) is None:
            return False
        wallet = Web3.to_checksum_address(ballot.wallet)
        signable = encode_typed_data(full_message=self.typed_data(community_id, ballot, as_json=False))
        raw = _signature_bytes(ballot.signature)
        try:
            if Account.recover_message(signable, signature=raw) == wallet:
                return True
        except (ValueError, ValidationError, BadSignature):
            pass  # not an ECDSA signature: perhaps a contract wallet's own
        if not self.w3.eth.get_code(wallet):
            return False
        contract = self.w3.eth.contract(address=wallet, abi=ERC1271_ABI)
        try:
            return contract.functions.isValidSignature(_hash_eip191_message(signable), raw).call() == ERC1271_MAGIC
        except (ContractLogicError, BadFunctionCallOutput):
            return False

    # ------------------------------------------------------------------ Sign-In with Ethereum (EIP-4361)
    @staticmethod
    def sign_in_message(*, domain: str, uri: str, address: str, chain_id: int, nonce: str,
                        issued_at: datetime, expires_at: datetime) -> str:
        try:
            message = SiweMessage(
                domain=domain, address=Web3.to_checksum_address(address), statement=SIGN_IN_STATEMENT, uri=uri,
                version="1", chain_id=chain_id, nonce=nonce, issued_at=_iso(issued_at),
                expiration_time=_iso(expires_at))
        except ValueError:
            raise InvalidInput("That is not a wallet address.") from None
        return message.prepare_message()

    def sign_in_wallet(self, message: str, signature: str, *, domain: str, uri: str, chain_id: int,
                       nonce: str, now: datetime, max_age_seconds: int) -> str:
        """The wallet that signed this EIP-4361 message, once every field is the expected one; InvalidInput
        saying what is wrong otherwise."""
        try:
            parsed = SiweMessage.from_message(message)
        except (ValueError, TypeError):
            raise InvalidInput("That is not a Sign-In with Ethereum message.") from None
        if parsed.uri != uri:
            raise InvalidInput("The sign-in message names another page; sign the message this page asks for.")
        if parsed.chain_id != chain_id:
            raise InvalidInput(f"The sign-in message is for chain {parsed.chain_id}; this community votes on chain "
                               f"{chain_id}. Switch your wallet's network and sign again.")
        issued = datetime.fromisoformat(str(parsed.issued_at).replace("Z", "+00:00"))
        if not -60 <= (now - issued).total_seconds() <= max_age_seconds:
            raise InvalidInput("The sign-in message was not issued just now; reload the page and sign again.")
        if parsed.expiration_time is None:
            raise InvalidInput("The sign-in message has no expiry; sign the message this page asks for.")
        try:
            parsed.verify(signature, domain=domain, nonce=nonce, timestamp=now, provider=self.w3.provider)
        except VerificationError as refused:
            raise InvalidInput(_SIWE_REFUSALS.get(type(refused).__name__, "The sign-in was refused.")) from None
        return parsed.address


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")

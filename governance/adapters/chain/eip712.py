"""The EIP-712 `Ballot` a wallet signs to vote through `FolkmootLedger.castVoteBySig` or, batched
with others, `castVotesBySig` (the same signature works in both; see `signed_ballots.py`)."""

from __future__ import annotations

from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount

DOMAIN_NAME = "FolkmootLedger"
DOMAIN_VERSION = "1"

BALLOT_TYPES = {
    "Ballot": [
        {"name": "proposalKey", "type": "bytes32"},
        {"name": "support", "type": "uint8"},
        {"name": "voter", "type": "address"},
        {"name": "nonce", "type": "uint256"},
        {"name": "deadline", "type": "uint256"},
    ]
}


def ballot_typed_data(
    *,
    chain_id: int,
    ledger: str,
    proposal_key: bytes,
    support: int,
    voter: str,
    nonce: int,
    deadline: int,
) -> dict[str, Any]:
    """The full typed-data document (as a wallet's `eth_signTypedData_v4` takes it)."""
    return {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            **BALLOT_TYPES,
        },
        "primaryType": "Ballot",
        "domain": {
            "name": DOMAIN_NAME,
            "version": DOMAIN_VERSION,
            "chainId": chain_id,
            "verifyingContract": ledger,
        },
        "message": {
            "proposalKey": proposal_key,
            "support": support,
            "voter": voter,
            "nonce": nonce,
            "deadline": deadline,
        },
    }


def sign_ballot(signer: LocalAccount, **ballot: Any) -> bytes:
    """Sign a ballot with a local key; takes the keyword arguments of `ballot_typed_data`.

    For an ERC-1271 wallet, `voter` is the wallet contract and `signer` the key it accepts.
    """
    signed = Account.sign_typed_data(signer.key, full_message=ballot_typed_data(**ballot))
    return bytes(signed.signature)

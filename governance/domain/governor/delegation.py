"""Delegation and voting by signature: a holder signs the token's EIP-712 `Delegation(address
delegatee,uint256 nonce,uint256 expiry)` (or the Governor's own ballot) and folkmoot relays
`delegateBySig` (or `castVoteBySig`) from the community's recorder key, so the holder pays no gas.
These are the values the faces hand the core and get back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DELEGATION_TYPE = "Delegation(address delegatee,uint256 nonce,uint256 expiry)"


@dataclass(frozen=True)
class SignedDelegation:
    """What the wallet signed, as the page (or the CLI) sends it: the signer (`delegator`), the typed
    data's fields, and where it says it was signed for (chain id and token, the domain's
    `chainId` and `verifyingContract`)."""

    delegator: str
    delegatee: str
    nonce: int
    expiry: int  # Unix time; the token refuses it after
    signature: str  # 0x hex, 65 bytes
    chain_id: int
    token: str


@dataclass(frozen=True)
class DelegationDomain:
    """The token's EIP-712 domain (from `eip712Domain()`, or its name and version) and the delegator's
    next nonce: everything a wallet needs to sign a `Delegation`."""

    name: str
    version: str
    chain_id: int
    token: str  # verifyingContract
    nonce: int
    now: int  # the chain's latest block time: an expiry must be after it


@dataclass(frozen=True)
class RelayedDelegation:
    delegator: str
    delegatee: str
    tx_hash: str
    block_number: int
    gas_used: int


DELEGATION_FIELDS = [{"name": "delegatee", "type": "address"}, {"name": "nonce", "type": "uint256"},
                     {"name": "expiry", "type": "uint256"}]


def delegation_typed_data(domain: DelegationDomain, delegatee: str, nonce: int, expiry: int) -> dict[str, Any]:
    """The typed data a wallet signs (`eth_signTypedData_v4`), for the token's domain."""
    return {
        "types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                                   {"name": "chainId", "type": "uint256"},
                                   {"name": "verifyingContract", "type": "address"}],
                  "Delegation": DELEGATION_FIELDS},
        "primaryType": "Delegation",
        "domain": {"name": domain.name, "version": domain.version, "chainId": domain.chain_id,
                   "verifyingContract": domain.token},
        "message": {"delegatee": delegatee.lower(), "nonce": nonce, "expiry": expiry},
    }


@dataclass(frozen=True)
class RelayedBallot:
    """A member's signed ballot, counted by the Governor (its VoteCast read back from the receipt)."""

    proposal_id: str
    voter: str
    support: int
    weight: int
    tx_hash: str
    block_number: int
    gas_used: int  # the whole transaction's
    batch: int = 1  # ballots relayed in that transaction


@dataclass(frozen=True)
class BallotToRelay:
    """One signed ballot of a batch: the Governor's proposal id, the choice, the signer, the signature."""

    proposal_id: str
    support: int
    voter: str
    signature: str
    reason: str | None = None

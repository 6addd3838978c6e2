"""A member's signed ballot for a followed Governor, relayed gas-free with `castVoteBySig` (or, with a
reason, `castVoteWithReasonAndParamsBySig`).

The ballot is the Governor's own EIP-712 type: OpenZeppelin 5 `Ballot(uint256 proposalId,uint8
support,address voter,uint256 nonce)` (the nonce is the Governor's `nonces(voter)`), OpenZeppelin 4.x
`Ballot(uint256 proposalId,uint8 support)` (the voter is whoever signed); with a reason, their
`ExtendedBallot` (… `string reason,bytes params`, params empty). The domain is the Governor's
(`eip712Domain()`, or its name and version). The signature is checked here before anything is sent,
and the Governor's VoteCast is read back from the receipt."""

from __future__ import annotations

from typing import Any

from eth_abi import decode
from eth_account import Account
from eth_account.messages import encode_typed_data
from eth_keys.exceptions import BadSignature
from eth_utils import keccak
from eth_utils.exceptions import ValidationError
from web3 import Web3

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.governor.reads import read_one
from governance.adapters.governor.relay_tx import send_relayed
from governance.adapters.sql.governor_tables import FollowedGovernorRow
from governance.domain.governor.delegation import RelayedBallot
from governance.errors import InvalidInput

OZ5 = "openzeppelin-5"
VOTE_CAST = "0x" + keccak(text="VoteCast(address,uint256,uint8,uint256,string)").hex()
_EXTENDED_ABI = {
    OZ5: [{"type": "function", "name": "castVoteWithReasonAndParamsBySig", "stateMutability": "nonpayable",
           "inputs": [{"name": "proposalId", "type": "uint256"}, {"name": "support", "type": "uint8"},
                      {"name": "voter", "type": "address"}, {"name": "reason", "type": "string"},
                      {"name": "params", "type": "bytes"}, {"name": "signature", "type": "bytes"}],
           "outputs": [{"name": "", "type": "uint256"}]}],
    "openzeppelin-4": [{"type": "function", "name": "castVoteWithReasonAndParamsBySig", "stateMutability": "nonpayable",
                        "inputs": [{"name": "proposalId", "type": "uint256"}, {"name": "support", "type": "uint8"},
                                   {"name": "reason", "type": "string"}, {"name": "params", "type": "bytes"},
                                   {"name": "v", "type": "uint8"}, {"name": "r", "type": "bytes32"},
                                   {"name": "s", "type": "bytes32"}],
                        "outputs": [{"name": "", "type": "uint256"}]}],
}
CAST_BY_SIG_ABI = {
    OZ5: [{"type": "function", "name": "castVoteBySig", "stateMutability": "nonpayable",
           "inputs": [{"name": "proposalId", "type": "uint256"}, {"name": "support", "type": "uint8"},
                      {"name": "voter", "type": "address"}, {"name": "signature", "type": "bytes"}],
           "outputs": [{"name": "", "type": "uint256"}]}],
    "openzeppelin-4": [{"type": "function", "name": "castVoteBySig", "stateMutability": "nonpayable",
                        "inputs": [{"name": "proposalId", "type": "uint256"}, {"name": "support", "type": "uint8"},
                                   {"name": "v", "type": "uint8"}, {"name": "r", "type": "bytes32"},
                                   {"name": "s", "type": "bytes32"}],
                        "outputs": [{"name": "", "type": "uint256"}]}],
}


def ballot_typed_data(w3: Web3, row: FollowedGovernorRow, proposal_id: str, support: int, voter: str,
                      reason: str | None = None) -> dict[str, Any]:
    """What the voter's wallet signs (`eth_signTypedData_v4`) to vote `support` on the proposal (with
    a reason: the ExtendedBallot, its params empty)."""
    domain = row.eip712_domain or {"name": row.name, "version": row.version or "1", "chainId": row.chain_id,
                                   "verifyingContract": row.address}
    fields = [{"name": "proposalId", "type": "uint256"}, {"name": "support", "type": "uint8"}]
    message: dict[str, Any] = {"proposalId": int(proposal_id), "support": support}
    if row.kind == OZ5:
        fields += [{"name": "voter", "type": "address"}, {"name": "nonce", "type": "uint256"}]
        checksummed = Web3.to_checksum_address(voter)
        message.update(voter=checksummed, nonce=read_one(w3, row.address, "nonces(address)", "uint256",
                                                         [checksummed]) or 0)
    if reason:
        fields += [{"name": "reason", "type": "string"}, {"name": "params", "type": "bytes"}]
        message.update(reason=reason, params="0x")  # empty; as hex, so the typed data stays JSON
    return {"types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                                       {"name": "chainId", "type": "uint256"},
                                       {"name": "verifyingContract", "type": "address"}],
                      ("ExtendedBallot" if reason else "Ballot"): fields},
            "primaryType": "ExtendedBallot" if reason else "Ballot", "domain": dict(domain), "message": message}


def relay_ballot(connection: ChainConnection, row: FollowedGovernorRow, proposal_id: str, support: int, voter: str,
                 signature: str, reason: str | None = None) -> RelayedBallot:
    """Checks that `voter` signed this ballot for this Governor on this chain, then relays it."""
    call = checked_call(connection.w3, row, proposal_id, support, voter, signature, reason)
    try:
        receipt = send_relayed(connection, call, "The Governor refuses that ballot")
    except InvalidInput:  # the same ballot relayed at once by another request went first, say
        _unless_voted_already(connection.w3, row, proposal_id, voter)
        raise
    weight = votes_cast(receipt, row).get(voter.lower(), 0)
    return RelayedBallot(proposal_id, voter.lower(), support, weight, receipt["transactionHash"].to_0x_hex(),
                         receipt["blockNumber"], receipt["gasUsed"])


def checked_call(w3: Web3, row: FollowedGovernorRow, proposal_id: str, support: int, voter: str, signature: str,
                 reason: str | None) -> Any:
    """The Governor's castVote…BySig call for this ballot, once `voter`'s signature over it is checked."""
    if support not in (0, 1, 2):
        raise InvalidInput("A ballot's support is 0 (against), 1 (for) or 2 (abstain).")
    typed = ballot_typed_data(w3, row, proposal_id, support, voter, reason)
    try:
        raw = bytes.fromhex(signature.strip().removeprefix("0x"))
        signer = Account.recover_message(encode_typed_data(full_message=typed), signature=raw)
    except (ValueError, ValidationError, BadSignature):
        raise InvalidInput("That is not a valid signature (65 bytes, 0x hex).") from None
    if signer.lower() != voter.lower():
        _unless_voted_already(w3, row, proposal_id, voter)
        raise InvalidInput(f"That signature is not your wallet's ({voter}) over a ballot for proposal {proposal_id} "
                           f"on {row.address}, chain {row.chain_id} (signed for another proposal, choice, chain or "
                           "Governor, or an older nonce).")
    return _cast_call(w3, row, int(proposal_id), support, Web3.to_checksum_address(voter), raw, reason)


def votes_cast(receipt: Any, row: FollowedGovernorRow) -> dict[str, int]:
    """The Governor's VoteCast events in a receipt: voter (lower-case) → weight."""
    return {"0x" + bytes(log["topics"][1])[-20:].hex(): decode(["uint256", "uint8", "uint256", "string"],
                                                               bytes(log["data"]))[2]
            for log in receipt["logs"] if log["topics"] and log["topics"][0].to_0x_hex() == VOTE_CAST
            and log["address"].lower() == row.address.lower()}


def _unless_voted_already(w3: Web3, row: FollowedGovernorRow, proposal_id: str, voter: str) -> None:
    """A refusal because the voter's ballot went in meanwhile is said as such."""
    if read_one(w3, row.address, "hasVoted(uint256,address)", "bool", [int(proposal_id),
                                                                        Web3.to_checksum_address(voter)]):
        raise InvalidInput(f"Your wallet {voter} has already voted on proposal {proposal_id}; the Governor counts "
                           "one vote per account.")


def _cast_call(w3: Web3, row: FollowedGovernorRow, pid: int, support: int, voter: str, raw: bytes,
               reason: str | None) -> Any:
    abi = (_EXTENDED_ABI if reason else CAST_BY_SIG_ABI)[row.kind]
    f = w3.eth.contract(address=Web3.to_checksum_address(row.address), abi=abi).functions
    v, r, s = (raw[64] if raw[64] >= 27 else raw[64] + 27), raw[:32], raw[32:64]
    if row.kind == OZ5:
        return f.castVoteWithReasonAndParamsBySig(pid, support, voter, reason, b"", raw) if reason else (
            f.castVoteBySig(pid, support, voter, raw))
    return f.castVoteWithReasonAndParamsBySig(pid, support, reason, b"", v, r, s) if reason else (
        f.castVoteBySig(pid, support, v, r, s))

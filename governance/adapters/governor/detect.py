"""Recognising a Governor and reading what it exposes, before folkmoot follows it.

Supported: OpenZeppelin Governor 5.x and 4.x (told apart by their signed-ballot type hash) over an
ERC20Votes-style token, counting For/Against/Abstain ("support=bravo"), on a block-number or
timestamp clock. Recognised and refused with a reason: Compound GovernorBravo/Alpha, a Governor
whose ids are not hashProposal, another counting mode, a token without votes, an account or a
contract that is not a Governor.
"""

from __future__ import annotations

from dataclasses import dataclass

from eth_utils import keccak
from web3 import Web3

from governance.adapters.governor.proposal_ids import hash_proposal
from governance.adapters.governor.reads import read, read_one
from governance.domain.governor import Call
from governance.errors import InvalidInput

OZ5_BALLOT = "0x" + keccak(text="Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)").hex()
OZ4_BALLOT = "0x" + keccak(text="Ballot(uint256 proposalId,uint8 support)").hex()
KINDS = {OZ5_BALLOT: "openzeppelin-5", OZ4_BALLOT: "openzeppelin-4"}
KIND_LABELS = {"openzeppelin-5": "OpenZeppelin Governor 5.x", "openzeppelin-4": "OpenZeppelin Governor 4.x"}
_PROBE = [Call("0x000000000000000000000000000000000000f01c", 1, b"\x12\x34")]


class NotFollowable(InvalidInput):
    """The address is not a Governor folkmoot can follow; the message says what it is instead."""


@dataclass(frozen=True)
class GovernorProfile:
    address: str
    kind: str
    name: str
    version: str | None
    eip712_domain: dict | None
    token_address: str
    token_name: str
    token_symbol: str
    token_decimals: int
    clock_mode: str  # "blocknumber" | "timestamp"
    timelock_address: str | None
    timelock_delay: int | None
    voting_delay: int
    voting_period: int
    proposal_threshold: int
    quorum_now: int | None
    counting_mode: str
    ballot_typehash: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def inspect_governor(w3: Web3, address: str, chain_id: int, where: str) -> GovernorProfile:
    if not Web3.is_address(address):
        raise NotFollowable(f"{address!r} is not an address (0x followed by 40 hex digits).")
    address = Web3.to_checksum_address(address)
    if not w3.eth.get_code(address):
        raise NotFollowable(f"There is no contract at {address} on chain {chain_id} ({where}): it is an account (EOA) "
                            "or a contract on another chain.")
    counting = read_one(w3, address, "COUNTING_MODE()", "string")
    if counting is None:
        raise NotFollowable(_not_openzeppelin(w3, address))
    typehash = read_one(w3, address, "BALLOT_TYPEHASH()", "bytes32")
    kind = KINDS.get("0x" + typehash.hex()) if typehash else None
    if kind is None:
        raise NotFollowable(f"{address} looks like an OpenZeppelin-style Governor, but its signed ballot "
                            f"(BALLOT_TYPEHASH) is not that of OpenZeppelin 4.x or 5.x: not supported.")
    onchain_id = read_one(w3, address, "hashProposal(address[],uint256[],bytes[],bytes32)", "uint256",
                          [[c.target for c in _PROBE], [c.value for c in _PROBE], [c.calldata for c in _PROBE],
                           keccak(text="probe")])
    if onchain_id != hash_proposal(_PROBE, "probe"):
        raise NotFollowable(f"{address}'s proposal ids are not OpenZeppelin's hashProposal: not supported.")
    if "support=bravo" not in counting:
        raise NotFollowable(f"{address} counts votes as {counting!r}; folkmoot supports For/Against/Abstain "
                            "counting (support=bravo) only.")
    token = read_one(w3, address, "token()", "address")
    if token is None:
        raise NotFollowable(f"{address} has no token(): folkmoot follows Governors that count an ERC20Votes token.")
    return GovernorProfile(
        address=address, kind=kind, name=read_one(w3, address, "name()", "string") or "",
        version=read_one(w3, address, "version()", "string"), eip712_domain=_domain(w3, address),
        **_token(w3, token), **_timelock(w3, address),
        voting_delay=read_one(w3, address, "votingDelay()", "uint256") or 0,
        voting_period=read_one(w3, address, "votingPeriod()", "uint256") or 0,
        proposal_threshold=read_one(w3, address, "proposalThreshold()", "uint256") or 0,
        quorum_now=_quorum_now(w3, address), counting_mode=counting, ballot_typehash="0x" + typehash.hex(),
    )


def _not_openzeppelin(w3: Web3, address: str) -> str:
    if read_one(w3, address, "quorumVotes()", "uint256") is not None and read_one(
            w3, address, "proposalCount()", "uint256") is not None:
        return (f"{address} is a Compound GovernorBravo-style Governor (a proposal counter and quorumVotes()): "
                "folkmoot follows OpenZeppelin Governors 4.x and 5.x only. Bravo is not supported: its proposal ids "
                "are a counter, its calls carry function signatures, and queue/execute take the id.")
    return f"{address} is a contract but not a Governor (it has no COUNTING_MODE() and no quorumVotes())."


def _token(w3: Web3, token: str) -> dict:
    token = Web3.to_checksum_address(token)
    probe = "0x000000000000000000000000000000000000dEaD"
    is_votes = w3.eth.get_code(token) and read_one(w3, token, "getVotes(address)", "uint256", [probe]) is not None \
        and read_one(w3, token, "delegates(address)", "address", [probe]) is not None
    if not is_votes:
        raise NotFollowable(f"The Governor's token {token} is not a votes token (no getVotes/delegates, as "
                            "ERC20Votes has): folkmoot cannot count voting power with it.")
    mode = read_one(w3, token, "CLOCK_MODE()", "string") or "mode=blocknumber&from=default"  # before ERC-6372
    if "mode=timestamp" in mode:
        clock = "timestamp"
    elif "mode=blocknumber" in mode:
        clock = "blocknumber"
    else:
        raise NotFollowable(f"The token {token} runs on a clock folkmoot does not know ({mode!r}).")
    decimals = read_one(w3, token, "decimals()", "uint8")
    return dict(token_address=token, token_name=read_one(w3, token, "name()", "string") or "",
                token_symbol=read_one(w3, token, "symbol()", "string") or "votes",
                token_decimals=18 if decimals is None else decimals, clock_mode=clock)


def _timelock(w3: Web3, governor: str) -> dict:
    timelock = read_one(w3, governor, "timelock()", "address")
    if timelock is None or int(timelock, 16) == 0:
        return dict(timelock_address=None, timelock_delay=None)
    delay = read_one(w3, timelock, "getMinDelay()", "uint256")  # TimelockController
    if delay is None:
        delay = read_one(w3, timelock, "delay()", "uint256")  # Compound's Timelock
    return dict(timelock_address=Web3.to_checksum_address(timelock), timelock_delay=delay)


def _domain(w3: Web3, address: str) -> dict | None:
    found = read(w3, address, "eip712Domain()", ["bytes1", "string", "string", "uint256", "address", "bytes32",
                                                  "uint256[]"])
    if found is None:
        return None  # before ERC-5267: name() and version() give it
    _fields, name, version, chain_id, contract, _salt, _ext = found
    return {"name": name, "version": version, "chainId": chain_id, "verifyingContract": Web3.to_checksum_address(contract)}


def _quorum_now(w3: Web3, governor: str) -> int | None:
    now = read_one(w3, governor, "clock()", "uint48")
    if now is None:
        now = w3.eth.block_number
    return read_one(w3, governor, "quorum(uint256)", "uint256", [max(now - 1, 0)])

"""How database records are named on-chain."""

from __future__ import annotations

from eth_utils import keccak

from governance.adapters.chain.voter_ids import voter_id as discord_voter_id

# FolkmootLedger's Outcome enum, as the database spells outcomes (Pending = 0 is "still open")
LEDGER_OUTCOMES = {0: None, 1: "passed", 2: "rejected", 3: "no_quorum", 4: "withdrawn"}


def proposal_key(proposal_id: int) -> bytes:
    """The proposal's database id as a bytes32 (each community has its own ledger, so ids are unique)."""
    return int(proposal_id).to_bytes(32, "big")


def hash32(hex_hash: str | None) -> bytes:
    """A 0x-prefixed 32-byte hash as bytes; zero bytes when there is none."""
    if not hex_hash:
        return bytes(32)
    return bytes.fromhex(hex_hash.removeprefix("0x")).rjust(32, b"\0")


def voter_id(salt: bytes, voter: str) -> bytes:
    """A voter's pseudonymous id: keccak(salt ‖ uint64 Discord id) for members, keccak(salt ‖ name) otherwise."""
    kind, _, name = voter.partition(":")
    if kind == "discord" and name.isdigit():
        return discord_voter_id(salt, int(name))
    return keccak(salt + voter.encode("utf-8"))

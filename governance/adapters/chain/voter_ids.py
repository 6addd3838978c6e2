"""Pseudonymous voter ids: how a Discord member appears on-chain.

`voter_id = keccak256(abi.encodePacked(bytes32 salt, uint64 discordId))`. The salt is a
per-community secret, so nobody can test a known Discord id against the chain, while the bot,
holding the salt, always maps a member to the same id (and so to the same voter index).
"""

from __future__ import annotations

import secrets

from eth_utils import keccak

SALT_BYTES = 32
_MAX_DISCORD_ID = 2**64 - 1  # Discord snowflakes are unsigned 64-bit integers


def new_salt() -> bytes:
    """A fresh random community salt (keep it secret; losing it orphans every voter index)."""
    return secrets.token_bytes(SALT_BYTES)


def voter_id(salt: bytes, discord_id: int) -> bytes:
    """The 32-byte voter id of a Discord member in the community whose secret salt is `salt`."""
    if len(salt) != SALT_BYTES:
        raise ValueError(f"salt must be {SALT_BYTES} bytes, got {len(salt)}")
    if not 0 <= discord_id <= _MAX_DISCORD_ID:
        raise ValueError(f"not a Discord id (unsigned 64-bit): {discord_id}")
    return keccak(salt + discord_id.to_bytes(8, "big"))

"""Votes. Support values follow OpenZeppelin's Governor: Against=0, For=1, Abstain=2."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from governance.errors import InvalidInput


class Support(enum.IntEnum):
    AGAINST = 0
    FOR = 1
    ABSTAIN = 2

    @property
    def label(self) -> str:
        return self.name.capitalize()


_SUPPORT_WORDS = {
    "against": Support.AGAINST, "no": Support.AGAINST, "0": Support.AGAINST,
    "for": Support.FOR, "yes": Support.FOR, "1": Support.FOR,
    "abstain": Support.ABSTAIN, "2": Support.ABSTAIN,
}


def parse_support(value: str | int | Support) -> Support:
    if isinstance(value, Support):
        return value
    key = str(value).strip().lower()
    if key not in _SUPPORT_WORDS:
        raise InvalidInput(f"'{str(value)[:40]}' is not a choice; use for, against or abstain.")
    return _SUPPORT_WORDS[key]


class VoteSource(str, enum.Enum):
    DISCORD = "discord"  # attested by the bot's recorder key
    WALLET = "wallet"  # EIP-712 signature by the voter's wallet
    CLI = "cli"


@dataclass(frozen=True)
class Vote:
    """A voter's current vote on a proposal (the last one cast counts)."""

    proposal_id: int
    voter: str  # "discord:<member id>" or "wallet:<0x address>"
    support: Support
    reason: str | None
    cast_at: datetime
    changes: int = 0  # how many times the voter changed it
    source: VoteSource = VoteSource.DISCORD


def discord_voter(member_id: int) -> str:
    return f"discord:{int(member_id)}"


def wallet_voter(address: str) -> str:
    return f"wallet:{address.lower()}"

"""Two voting engines, one shape: what every face (Discord, the CLI, digests, reminders) shows of
a proposal, whichever engine counts its votes.

- Folkmoot's own ledger (`LEDGER`): one member, one vote; members name a proposal by its number.
- An existing on-chain Governor (`GOVERNOR`): votes weighted by a token's voting power; its ids
  are uint256 hashes, so each indexed proposal also gets a short number in its community, in the
  order the Governor created them (`#3`), and the full id is shown beside it.

The engines fill these values (`governance.ports.VotingEngine`); the faces render them. Anything
only one engine has (revisions, decoded calls and findings) is in `detail`, the engine's own view.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from governance.domain.governor.calls import TokenInfo, format_units, in_units

if TYPE_CHECKING:
    from governance.domain.governor.views import GovernorProposal
    from governance.domain.proposals import Proposal

UINT256_MAX = 2**256 - 1
_SUFFIXES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K"))
_SCIENTIFIC_FROM = Decimal(10) ** 15  # past a thousand trillion, suffixes stop reading well


class EngineKind(str, enum.Enum):
    LEDGER = "ledger"  # Folkmoot's own: one member, one vote
    GOVERNOR = "governor"  # an existing on-chain Governor: token-weighted


@dataclass(frozen=True)
class Units:
    """What a count counts: members (one vote each) or a token's voting power, in base units."""

    symbol: str | None = None  # None: members
    decimals: int = 0

    @classmethod
    def of(cls, token: TokenInfo) -> Units:
        return cls(token.symbol, token.decimals)

    @property
    def members(self) -> bool:
        return self.symbol is None

    def exact(self, amount: int) -> str:
        """Every digit: "1,234,567.5 ENS", or "12" members."""
        if self.members:
            return f"{amount:,}"
        if amount == UINT256_MAX:
            return f"unlimited {self.symbol}"
        return f"{format_units(in_units(amount, self.decimals))} {self.symbol}"

    def short(self, amount: int) -> str:
        """For reading at a glance: "1.2M ENS", "40K ENS", "0.5 ENS", or "12" members."""
        if self.members:
            return f"{amount:,}"
        if amount == UINT256_MAX:
            return f"unlimited {self.symbol}"
        return f"{compact(in_units(amount, self.decimals))} {self.symbol}"


MEMBERS = Units()


def compact(value: Decimal) -> str:
    """1234567 → "1.2M", 40000 → "40K", 999.456 → "999.46", 0.004 → "<0.01", 3e20 → "3e20"."""
    if value < 0:
        return "-" + compact(-value)
    if value == 0:
        return "0"
    if value < Decimal("0.01"):
        return "<0.01"
    if value >= _SCIENTIFIC_FROM:
        mantissa, exponent = f"{value:.1e}".split("e")
        return f"{mantissa.removesuffix('.0')}e{int(exponent)}"
    for scale, suffix in _SUFFIXES:
        if value >= scale:
            scaled = _round(value / scale, 1 if value / scale < 100 else 0)
            if scaled >= 1000:  # 999.96K rounds to 1000K: that is 1M (and 1000T is 1e15)
                return compact(scaled * scale)
            return f"{_plain(scaled)}{suffix}"
    return _plain(_round(value, 2))


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Count:
    """A tally in the engine's units: members, or voting power at the proposal's snapshot."""

    units: Units
    for_votes: int = 0
    against_votes: int = 0
    abstain_votes: int = 0
    voters: int = 0
    quorum: int | None = None  # what must be reached; None while not known (a future snapshot)
    toward_quorum: int = 0  # what counts toward it (voters; For + Abstain power on a Governor)
    electorate: int | None = None  # eligible members, or the voting supply at the snapshot

    @property
    def total(self) -> int:
        return self.for_votes + self.against_votes + self.abstain_votes

    @property
    def quorum_reached(self) -> bool | None:
        return None if self.quorum is None else self.toward_quorum >= self.quorum

    @property
    def turnout(self) -> Decimal | None:
        """The share of the electorate that voted (0..1): members, or voting power."""
        if not self.electorate:
            return None
        cast = self.voters if self.units.members else self.total
        return Decimal(cast) / Decimal(self.electorate)


@dataclass(frozen=True)
class Window:
    """When votes are accepted. On a block clock the times of future blocks are estimates."""

    opens_at: datetime | None
    ends_at: datetime | None
    blocks: tuple[int, int] | None = None  # first and last block, on a block-number clock
    estimated: bool = False


@dataclass(frozen=True)
class ProposalHeading:
    """A proposal as a list of choices names it: read from the database alone (autocomplete)."""

    number: int
    title: str
    state: str  # "open" while votes are accepted (or about to be); else the engine's word


@dataclass(frozen=True)
class EngineProposal:
    """A proposal as every face shows it, whichever engine holds it."""

    kind: EngineKind
    community_id: int
    number: int  # what members type: /proposal show 3
    engine_id: str  # the engine's own id: the same number, or the Governor's uint256 (decimal)
    title: str
    state: str  # in the engine's words: "active", "closed", "queued", "executed", …
    is_open: bool  # votes are accepted now
    window: Window
    author: str  # "discord:123", or the proposer's 0x-address
    count: Count | None  # None for a draft
    detail: Proposal | GovernorProposal  # the engine's own view: revisions, or calls and findings

    @property
    def reference(self) -> str:
        return f"#{self.number}"

    @property
    def long_id(self) -> bool:
        """The engine's id is not the number members type (a Governor's uint256)."""
        return self.engine_id != str(self.number)

"""What a description states: addresses (full or abbreviated) and amounts, found by the AI
package's fact extractor (one home for reading facts from text), and how they match a call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from governance.domain.facts import extract_facts
from governance.domain.governor.calls import TokenInfo

_FULL = re.compile(r"(?<![0-9a-zA-Z])0x[0-9a-fA-F]{40}(?![0-9a-zA-Z])")
# "0x690F…06F2", "0x690F...06F2": a shortened address, as wallets and explorers show them
_SHORT = re.compile(r"(?<![0-9a-zA-Z])0x([0-9a-fA-F]{4,38})(?:…|\.{2,3})([0-9a-fA-F]{4,38})(?![0-9a-zA-Z])")
_NUMBER = re.compile(r"\d[\d,_]*(?:\.(\d+))?")
STABLECOINS = frozenset({"USDC", "USDT", "DAI", "USDS", "PYUSD", "GUSD", "LUSD", "FRAX"})
ETHER_NAMES = frozenset({"ETH", "WETH", "ETHER"})


@dataclass(frozen=True)
class StatedAmount:
    value: Decimal  # as written, scale applied ("1.2M" → 1200000)
    tolerance: Decimal  # half a unit of the last digit written ("1.2M" → 50000)
    unit: str | None  # "USDC", "USD", "%", or None
    text: str
    start: int


@dataclass(frozen=True)
class Mentions:
    addresses: frozenset[str]  # lower-case, full
    shortened: tuple[tuple[str, str], ...]  # (prefix, suffix) hex, lower-case
    amounts: tuple[StatedAmount, ...]
    lowered: str  # the text in lower case, to find a well-known recipient's name

    def names_address(self, address: str) -> bool:
        address = address.lower()
        if address in self.addresses:
            return True
        hex_part = address[2:]
        return any(hex_part.startswith(p) and hex_part.endswith(s) for p, s in self.shortened)

    def resembling(self, address: str) -> list[str]:
        """Full addresses in the text that a reader could take for `address`: the same start and end
        (a vanity look-alike), or at most two hex digits apart (a typo, or a swap)."""
        address = address.lower()
        return sorted(a for a in self.addresses if a != address and (
            (a[:8] == address[:8] and a[-4:] == address[-4:]) or sum(x != y for x, y in zip(a, address)) <= 2))

    def states(self, token: TokenInfo, amount: int) -> bool:
        return any(matches(stated, token, amount) for stated in self.amounts)


def read_mentions(text: str) -> Mentions:
    addresses = frozenset(m.group(0).lower() for m in _FULL.finditer(text))
    shortened = tuple((m.group(1).lower(), m.group(2).lower()) for m in _SHORT.finditer(text))
    amounts = []
    for fact in extract_facts(text):
        if fact.kind == "number" and fact.unit != "%":
            amounts.append(_stated(fact.key, fact.text, fact.unit, fact.start))
    return Mentions(addresses, shortened, tuple(a for a in amounts if a is not None), text.lower())


def _stated(key: str, written: str, unit: str | None, start: int) -> StatedAmount | None:
    number = _NUMBER.search(written)
    if number is None:
        return None
    value = Decimal(key)
    plain = Decimal(number.group(0).replace(",", "").replace("_", ""))
    scale = value / plain if plain else Decimal(1)
    places = len(number.group(1) or "")
    tolerance = Decimal(1).scaleb(-places) / 2 * scale
    return StatedAmount(value, tolerance, unit.upper() if unit else None, written, start)


def unit_fits(unit: str | None, token: TokenInfo) -> bool:
    if unit is None:
        return True
    symbol = token.symbol.upper()
    if unit == symbol:
        return True
    if unit == "USD":
        return symbol in STABLECOINS
    return unit in ETHER_NAMES and symbol in ETHER_NAMES


def matches(stated: StatedAmount, token: TokenInfo, amount: int) -> bool:
    """The text states this amount: in token units (rounded as written) or in base units."""
    if not unit_fits(stated.unit, token):
        return False
    if stated.value == amount:
        return True  # base units, as calldata carries them ("1218669760000")
    units = token.units(amount)
    if units == 0:
        return stated.value == 0
    return abs(stated.value - units) <= stated.tolerance

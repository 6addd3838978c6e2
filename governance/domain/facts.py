"""Checkable facts in text: links, 0x addresses and hashes, ENS names, dates, numbers, amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from governance.domain.lookalikes import find_lookalike_addresses

_FACT = re.compile(
    r"""
    (?P<markup><(?:@\u200b?[!&]?|@|\#|a?:\w+:|t:)\d+(?::[a-zA-Z])?>)  # Discord mention/emoji/time
  | (?P<link>(?i:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bdiscord\.gg/)[^\s<>()\[\]{}"'`]+)
  | (?P<address>(?<![0-9A-Za-z_\u0370-\u03ff\u0400-\u04ff\uff10-\uff5a])0x[0-9a-fA-F]{4,}(?![0-9A-Za-z_\u0370-\u03ff\u0400-\u04ff\uff10-\uff5a]))
  | (?P<ens>(?i:(?<![a-z0-9_.\-\u0370-\u03ff\u0400-\u04ff])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.eth(?![a-z0-9_])))
  | (?P<date>(?<![0-9A-Za-z_])\d{4}-\d{2}-\d{2}(?![0-9A-Za-z_]))
  | (?P<amount>
        (?:(?P<currency>[$€£])[ ]?)?
        (?<![A-Za-z0-9_.,])(?P<number>\d{1,3}(?:[,_]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:[ ]?(?P<scale>(?i:k|m|bn|b|thousand|million|billion|trillion))(?![A-Za-z0-9_]))?
        (?P<percent>[ ]?%)?
        (?:[ ](?:of[ ])?\$?(?P<unit>[A-Z][A-Z0-9]{1,5}x?)(?![A-Za-z0-9_]))?
    )
    """,
    re.VERBOSE,
)
_SCALES = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "trillion": 10**12,
}
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
_LIST_MARKER_TAIL = re.compile(r"[.)] ")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")

# A dollar sign and a dollar stablecoin name the same amount ("$1.2M" for "1,200,000 USDC");
# two different stablecoins do not.
USD_LIKE = frozenset({"USD", "USDC", "USDCx", "USDT", "DAI", "USDS", "GHO", "LUSD", "PYUSD"})

@dataclass(frozen=True)
class Fact:
    kind: str  # "link" | "address" | "ens" | "date" | "number"
    text: str  # as written
    start: int
    end: int
    key: str  # what must match a fact in the source (lower-cased link, address, value)
    unit: str | None = None  # for numbers: "ETH", "USD", "%", …


def extract_facts(text: str) -> list[Fact]:
    """The facts of `text`; an address in look-alike characters is none of them (it is not
    an address: confusables.py flags it as what it is)."""
    disguised = [(found.start, found.end) for found in find_lookalike_addresses(text)]
    facts = []
    for match in _FACT.finditer(text):
        fact = _fact_from(match)
        if fact is None or _is_list_marker(text, fact):
            continue
        if not any(start < fact.end and fact.start < end for start, end in disguised):
            facts.append(fact)
    return facts


def _fact_from(match: re.Match[str]) -> Fact | None:
    kind = match.lastgroup
    if kind == "markup":  # an id inside Discord syntax claims nothing about the proposal
        return None
    if kind == "link":
        raw = match.group("link").rstrip(".,;:!?'\"")
        key = _SCHEME.sub("", raw.lower()).removeprefix("www.")
        return Fact("link", raw, match.start(), match.start() + len(raw), key.rstrip("/"))
    if kind in ("address", "ens", "date"):
        raw = match.group(kind)
        return Fact(kind, raw, match.start(), match.end(), raw.lower())
    value = _value(match.group("number"), match.group("scale"))
    if value is None:
        return None
    # "$2.5M USDC" is in USDC: the token named wins over the symbol.
    unit = (
        "%"
        if match.group("percent")
        else match.group("unit") or _CURRENCY_SYMBOLS.get(match.group("currency") or "")
    )
    return Fact("number", match.group("amount"), match.start(), match.end(), value, unit)


def _value(number: str, scale: str | None) -> str | None:
    try:
        value = Decimal(number.replace(",", "").replace("_", ""))
    except InvalidOperation:
        return None
    value *= _SCALES.get((scale or "").lower(), 1)
    return format(value.normalize(), "f")


def _is_list_marker(text: str, fact: Fact) -> bool:
    """`1. ` or `2) ` opening a line numbers a list; it claims nothing."""
    line_start = text.rfind("\n", 0, fact.start) + 1
    return (
        fact.kind == "number"
        and not text[line_start : fact.start].strip()
        and _LIST_MARKER_TAIL.match(text, fact.end) is not None
    )

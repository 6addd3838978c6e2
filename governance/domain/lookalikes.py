"""Addresses written with look-alike characters, recognised by their skeleton.

`0x5Е89…` with a Cyrillic Е, `０x…` with full-width digits, `0х…` with a Cyrillic х:
each shows like an address a reader knows but is not it. The skeleton maps every
character a reader could take for a hex digit (or the `x` of `0x`) to that digit,
in the spirit of Unicode's confusables skeleton (UTS #39), with the small table an
address needs. A token whose skeleton is an address but whose text is not plain
ASCII is a look-alike: it is kept as written (so the reader sees the flag next to
what is really there) and flagged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that pass for a hex digit or for the x of 0x. Full-width forms are
# handled by NFKC below; this table covers what NFKC leaves alone.
_TABLE = {
    # Cyrillic
    "а": "a", "А": "A", "в": "b", "В": "B", "с": "c", "С": "C", "ԁ": "d", "е": "e", "Е": "E",
    "о": "0", "О": "0", "х": "x", "Х": "X", "ѕ": "5", "з": "3", "З": "3", "б": "6", "Ь": "b",
    "і": "1", "І": "1", "ӏ": "1", "Ӏ": "1",
    # Greek
    "α": "a", "Α": "A", "Β": "B", "β": "B", "ϲ": "c", "Ϲ": "C", "δ": "d", "ε": "e", "Ε": "E",
    "ο": "0", "Ο": "0", "χ": "x", "Χ": "X", "ι": "1", "Ι": "1",
    # Latin look-alikes of digits, and symbols
    "O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "×": "x", "ⅹ": "x", "Ⅹ": "X",
    "ɑ": "a", "ꞓ": "c", "ɗ": "d", "ҽ": "e", "ƅ": "b",
}
_HEX = set("0123456789abcdefABCDEF")
# A run of characters that could each be part of an address, not inside a longer word.
_CANDIDATE_CHARS = "0-9a-zA-Z" + "".join(sorted(set(_TABLE) - set("|"))) + "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_CANDIDATE = re.compile(rf"(?<![{_CANDIDATE_CHARS}])[{_CANDIDATE_CHARS}]{{42}}(?![{_CANDIDATE_CHARS}])")
_ADDRESS = re.compile(r"0[xX][0-9a-fA-F]{40}")


def skeleton_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return _TABLE.get(folded, folded) if len(folded) == 1 else folded


def skeleton(text: str) -> str:
    """What `text` shows as, in plain ASCII where a look-alike stands for a hex digit or x."""
    return "".join(skeleton_char(ch) for ch in text)


@dataclass(frozen=True)
class Lookalike:
    text: str  # as written
    start: int
    end: int
    address: str  # the address it resembles, lower-case


def is_plain_address(token: str) -> bool:
    return _ADDRESS.fullmatch(token) is not None


def find_lookalike_addresses(text: str) -> list[Lookalike]:
    """Tokens that show as an address but are not plain ASCII hex."""
    found = []
    for match in _CANDIDATE.finditer(text):
        token = match.group(0)
        if is_plain_address(token):
            continue
        shown = skeleton(token)
        if _ADDRESS.fullmatch(shown) and _looks_meant(token):
            found.append(Lookalike(token, match.start(), match.end(), shown.lower()))
    return found


def _looks_meant(token: str) -> bool:
    """An ASCII word of 42 letters that maps to hex (rare) is not an address in disguise:
    at least one character must be outside ASCII, or the 0x must itself be disguised."""
    return not token.isascii() or token[:2].lower() != "0x"

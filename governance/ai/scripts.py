"""Words mixing Latin with Cyrillic or Greek letters: the homoglyph trick (pаypal, 0xАb…)."""

from __future__ import annotations

import re
import unicodedata

from governance.ai.flags import Flag
from governance.domain.lookalikes import find_lookalike_addresses

MIXED_SCRIPTS = "(⚠ mixed scripts)"
_WORD = re.compile(r"[^\s()\[\]{}<>,;:!?\"'`]+")
_CONFUSABLE_SCRIPTS = ("CYRILLIC", "GREEK")


def _scripts(word: str) -> set[str]:
    found = set()
    for ch in word:
        if ch.isalpha():
            found.add(unicodedata.name(ch, "UNKNOWN").split(" ")[0])
    return found


def is_mixed_script(word: str) -> bool:
    scripts = _scripts(word)
    return "LATIN" in scripts and any(s in scripts for s in _CONFUSABLE_SCRIPTS)


def _lookalike_address(word: str) -> bool:
    """Flagged as a look-alike address instead (confusables.py): one flag is enough."""
    return bool(find_lookalike_addresses(word))


def flag_mixed_scripts(text: str, section: str = "") -> tuple[str, list[Flag]]:
    pieces: list[str] = []
    flags: list[Flag] = []
    position = 0
    for match in _WORD.finditer(text):
        if is_mixed_script(match.group(0)) and not _lookalike_address(match.group(0)):
            pieces += [text[position : match.end()], " ", MIXED_SCRIPTS]
            position = match.end()
            flags.append(Flag("mixed_script", match.group(0), section))
    pieces.append(text[position:])
    return "".join(pieces), flags

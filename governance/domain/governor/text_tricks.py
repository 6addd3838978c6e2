"""Unicode that makes a description read differently from what it says."""

from __future__ import annotations

import unicodedata

from governance.domain.governor.findings import Finding, Severity
from governance.domain.lookalikes import find_lookalike_addresses
from governance.domain.wording import plural

# Embeddings, overrides and isolates reorder what a reader sees (an address shown backwards).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def unicode_findings(text: str) -> list[Finding]:
    findings: list[Finding] = []
    bidi = [i for i, ch in enumerate(text) if ch in BIDI_CONTROLS]
    if bidi:
        findings.append(Finding("bidi_controls", Severity.DANGER,
                                f"The description contains {plural(len(bidi), 'bidirectional control character')} (first at "
                                f"character {bidi[0]}): they can make text display in another order than it reads."))
    hidden = [i for i, ch in enumerate(text)
              if ch not in BIDI_CONTROLS and unicodedata.category(ch) == "Cf" and not _joiner_in_script(text, i)]
    if hidden:
        findings.append(Finding("invisible_characters", Severity.WARNING,
                                f"The description contains {plural(len(hidden), 'invisible character')} (zero-width or "
                                f"format, first at character {hidden[0]}): what it shows is not all it says."))
    for found in find_lookalike_addresses(text):
        findings.append(Finding("lookalike_address", Severity.DANGER,
                                f"The description writes an address with look-alike characters: {found.text!r} shows "
                                f"as {found.address} but is not that address."))
    return findings


def _joiner_in_script(text: str, i: int) -> bool:
    """ZWJ/ZWNJ between two non-ASCII letters are how some scripts and emoji are written."""
    if text[i] not in "\u200c\u200d":
        return False
    before, after = text[i - 1: i], text[i + 1: i + 2]
    return bool(before and after) and not before.isascii() and not after.isascii()

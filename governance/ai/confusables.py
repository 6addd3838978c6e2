"""Flagging addresses written with look-alike characters (found by their skeleton, see
governance.domain.lookalikes): each is kept as written, so the reader sees the flag next to
what is really there."""

from __future__ import annotations

from governance.ai.flags import Flag
from governance.domain.lookalikes import find_lookalike_addresses

LOOKALIKE = "(⚠ look-alike characters: not the address it resembles)"
LOOKALIKE_IN_SOURCE = "(⚠ look-alike characters, as in the source)"


def flag_lookalikes(
    text: str, source_tokens: frozenset[str], section: str = ""
) -> tuple[str, list[Flag]]:
    """The text with a flag after each look-alike address; `source_tokens` are the
    look-alikes the source itself contains, byte for byte."""
    pieces: list[str] = []
    flags: list[Flag] = []
    position = 0
    for found in find_lookalike_addresses(text):
        copied = found.text in source_tokens
        marker = LOOKALIKE_IN_SOURCE if copied else LOOKALIKE
        pieces += [text[position : found.end], " ", marker]
        position = found.end
        flags.append(Flag("lookalike_address", found.text, section))
    pieces.append(text[position:])
    return "".join(pieces), flags

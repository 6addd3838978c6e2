"""Characters that change how text looks or reads without being seen."""

from __future__ import annotations

import re
import unicodedata

from governance.domain.lookalikes import find_lookalike_addresses

# Bidi embeddings, overrides and isolates can reorder what a reader sees
# (an address or amount displayed backwards); they are never needed in output.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Joiners are real letters' glue in Persian, Indic scripts and emoji, so they stay
# there; between ASCII characters they only hide things (0x12\u200d34...).
_JOINERS = "\u200c\u200d"
_JOINER_IN_ASCII = re.compile(rf"(?<=[\x21-\x7e])[{_JOINERS}]+(?=[\x21-\x7e])")
# Full-width punctuation of CJK text is how that text is written: NFKC would turn
# "。！？，：；（）" half-width. It stays, except between digits ("１，０００" is 1,000).
_FULLWIDTH_PUNCTUATION = "！？，：；（）"
_KEEP = re.compile(rf"(?<![0-9０-９])[{_FULLWIDTH_PUNCTUATION}]|[{_FULLWIDTH_PUNCTUATION}](?![0-9０-９])")


def strip_invisible(text: str) -> str:
    """Drops format characters (zero-width, bidi, soft hyphen, BOM) except meaningful joiners."""
    text = _JOINER_IN_ASCII.sub("", text)
    return "".join(
        ch
        for ch in text
        if ch in _JOINERS or (unicodedata.category(ch) != "Cf" and ch not in _BIDI_CONTROLS)
    )


def normalise_for_display(text: str) -> str:
    """NFKC (full-width and styled look-alikes become plain) and no invisible characters.

    Two things keep their form: CJK full-width punctuation, and addresses written with
    look-alike characters (they are flagged where they are shown, so the reader must
    see what is really there, not a repaired copy).
    """
    text = strip_invisible(text)
    kept = [(m.start(), m.end()) for m in _KEEP.finditer(text)]
    kept += [(found.start, found.end) for found in find_lookalike_addresses(text)]
    pieces, position = [], 0
    for start, end in sorted(kept):
        if start < position:
            continue
        pieces += [unicodedata.normalize("NFKC", text[position:start]), text[start:end]]
        position = end
    pieces.append(unicodedata.normalize("NFKC", text[position:]))
    return "".join(pieces)

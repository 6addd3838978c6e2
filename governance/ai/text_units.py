"""Paragraphs and sentences of plain or Markdown text."""

from __future__ import annotations

import re

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")
_MARKUP_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•]\s+|\d+[.)]\s+|>\s*)+")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def sentences(text: str) -> list[str]:
    """Sentences and list items, without their bullet or heading markers."""
    found = []
    for piece in _SENTENCE_END.split(text):
        piece = _MARKUP_PREFIX.sub("", piece).strip()
        if piece:
            found.append(piece)
    return found

"""Paragraphs and sentences of plain or Markdown text, in Latin, CJK and Arabic script."""

from __future__ import annotations

import re

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Latin and Arabic full stops end a sentence before a space; CJK ones (。！？, written without
# spaces) and the Arabic question mark ؟ and Urdu full stop ۔ end one wherever they stand,
# unless more closing punctuation follows ("？！", "。」"). The Arabic comma ، ends nothing.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+|(?<=[。！？؟۔‼⁉])(?![。！？؟۔‼⁉」』）\)\"”’])\s*|\n+"
)
_ABBREVIATION = re.compile(r"(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|incl|no|mr|mrs|ms|dr|st)\.$", re.IGNORECASE)
_MARKUP_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•]\s+|\d+[.)]\s+|>\s*)+")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def sentences(text: str) -> list[str]:
    """Sentences and list items, without their bullet or heading markers; the punctuation
    that ends each stays as written (full-width included)."""
    found: list[str] = []
    for line in text.split("\n"):
        for piece in _SENTENCE_END.split(line):
            piece = _MARKUP_PREFIX.sub("", piece).strip()
            if not piece:
                continue
            if found and _joins(found[-1]):  # "e.g. this" is one sentence
                found[-1] = f"{found[-1]} {piece}"
            else:
                found.append(piece)
    return found


def _joins(sentence: str) -> bool:
    return _ABBREVIATION.search(sentence) is not None

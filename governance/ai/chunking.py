"""Split text into pieces that each fit a token budget (the map step of map-reduce)."""

from __future__ import annotations

import re
from collections.abc import Callable

from governance.ai.text_units import paragraphs

CountTokens = Callable[[str], int]
_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])\s+|(?<=[。！？؟۔])(?![。！？؟۔」』）])\s*")
_JOIN = "\n\n"


def split_to_budget(text: str, count_tokens: CountTokens, budget: int) -> list[str]:
    """Consecutive chunks of `text`, each at most `budget` tokens, cut at the
    largest boundary that works: paragraphs, then sentences, then characters."""
    if budget < 1:
        raise ValueError("token budget must be positive")
    pieces = [p for para in paragraphs(text) for p in _fit_piece(para, count_tokens, budget)]
    return _pack(pieces, count_tokens, budget)


def _fit_piece(piece: str, count_tokens: CountTokens, budget: int) -> list[str]:
    if count_tokens(piece) <= budget:
        return [piece]
    parts = _SENTENCE_BOUNDARY.split(piece)
    if len(parts) > 1:
        return [p for part in parts for p in _fit_piece(part, count_tokens, budget)]
    return _split_characters(piece, count_tokens, budget)


def _split_characters(piece: str, count_tokens: CountTokens, budget: int) -> list[str]:
    """A giant 'word' (no sentence breaks): halve until each half fits."""
    if count_tokens(piece) <= budget or len(piece) <= 1:
        return [piece]
    middle = piece.rfind(" ", 0, len(piece) // 2 + 1)
    middle = middle if middle > 0 else len(piece) // 2
    return [
        *_split_characters(piece[:middle].strip() or piece[:middle], count_tokens, budget),
        *_split_characters(piece[middle:].strip() or piece[middle:], count_tokens, budget),
    ]


def _pack(pieces: list[str], count_tokens: CountTokens, budget: int) -> list[str]:
    """Greedy packing. Token counts of joined text are not exactly the sum of the
    parts (merges at the seams), so a chunk near the budget is measured whole."""
    chunks: list[str] = []
    current, current_tokens = "", 0
    for piece in pieces:
        piece_tokens = count_tokens(piece)
        estimate = current_tokens + piece_tokens + 2
        candidate = f"{current}{_JOIN}{piece}" if current else piece
        if current and estimate > budget * 0.9 and count_tokens(candidate) > budget:
            chunks.append(current)
            current, current_tokens = piece, piece_tokens
        else:
            current, current_tokens = candidate, estimate
    if current:
        chunks.append(current)
    return chunks

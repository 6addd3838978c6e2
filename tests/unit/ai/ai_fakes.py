"""Fakes at the AI ports: a scripted language model, a hashing embedder, a fixed clock."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from datetime import UTC, datetime

from governance.ports import ChatMessage, GenerationParams, LanguageModelError, ModelInfo

VALID_SUMMARY = """## TL;DR
The DAO funds a community garden with 500 DAI.

## Key points
- Raised beds for members.
- Paid to garden.eth.

## Amounts and recipients
- 500 DAI to garden.eth

## Risks
- Bad weather.

## Open questions
- Who maintains it?"""

VALID_DRAFT = """## Title
Community garden

## Summary
Fund a garden.

## Motivation
Members asked for it.

## Specification
- Build raised beds.

## Budget
To be decided.

## Timeline
To be decided.

## Risks
- Bad weather."""

SCRIPTED_INFO = ModelInfo("fake", "scripted", "rev-1")


class FixedClock:
    def __init__(self, now: datetime = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)):
        self._now = now

    def now(self) -> datetime:
        return self._now


class ScriptedModel:
    """Answers from a list (in order) or a function of the messages; records every call."""

    def __init__(
        self,
        replies: list[str] | Callable[[list[ChatMessage]], str],
        *,
        context_window: int = 4096,
        failure: Exception | None = None,
        info: ModelInfo = SCRIPTED_INFO,
    ):
        self._replies = replies
        self._context_window = context_window
        self.failure = failure
        self._info = info
        self.calls: list[list[ChatMessage]] = []
        self.params: list[GenerationParams] = []

    @property
    def info(self) -> ModelInfo:
        return self._info

    @property
    def context_window(self) -> int:
        return self._context_window

    def count_tokens(self, text: str) -> int:
        return math.ceil(len(text) / 4)

    def generate(self, messages: list[ChatMessage], params: GenerationParams) -> str:
        self.calls.append(list(messages))
        self.params.append(params)
        if self.failure is not None:
            raise self.failure
        if callable(self._replies):
            return self._replies(messages)
        if not self._replies:
            raise LanguageModelError("script exhausted")
        return self._replies.pop(0)


class HashingEmbedder:
    """Bag-of-words vectors by hashing: similar wording, similar vectors. Fast and deterministic."""

    DIMENSIONS = 256

    def __init__(self) -> None:
        self.calls = 0

    @property
    def info(self) -> ModelInfo:
        return ModelInfo("embedding", "hashing-bag-of-words", "v1")

    def embed(self, sentences: list[str]) -> list[list[float]]:
        self.calls += 1
        return [self._vector(s) for s in sentences]

    def _vector(self, sentence: str) -> list[float]:
        vector = [0.0] * self.DIMENSIONS
        for word in re.findall(r"\w+", sentence.lower()):
            vector[int(hashlib.sha256(word.encode()).hexdigest(), 16) % self.DIMENSIONS] += 1.0
        norm = math.sqrt(sum(x * x for x in vector)) or 1.0
        return [x / norm for x in vector]

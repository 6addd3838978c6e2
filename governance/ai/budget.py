"""How many tokens a prompt takes and how many the data in it may have."""

from __future__ import annotations

from collections.abc import Sequence

from governance.ports import ChatMessage, LanguageModel

# Chat templates add role markers and separators that count_tokens(text) does not see.
TOKENS_PER_MESSAGE = 8
SAFETY_MARGIN = 32


def prompt_tokens(model: LanguageModel, messages: Sequence[ChatMessage]) -> int:
    return sum(model.count_tokens(m.content) + TOKENS_PER_MESSAGE for m in messages)


def fits(model: LanguageModel, messages: Sequence[ChatMessage], max_new_tokens: int) -> bool:
    return prompt_tokens(model, messages) + max_new_tokens + SAFETY_MARGIN <= model.context_window


def data_budget(
    model: LanguageModel, empty_prompt: Sequence[ChatMessage], max_new_tokens: int
) -> int:
    """Tokens left for data once the prompt around it and the answer are paid for."""
    return (
        model.context_window - max_new_tokens - SAFETY_MARGIN - prompt_tokens(model, empty_prompt)
    )

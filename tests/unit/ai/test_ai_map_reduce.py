"""Inputs longer than the context: chunked to the token budget, condensed, then summarised."""

from __future__ import annotations

import random

from governance.ai.budget import SAFETY_MARGIN, prompt_tokens
from governance.ai.chunking import split_to_budget

from .ai_fakes import VALID_SUMMARY, ScriptedModel

CONTEXT = 2048


def long_proposal(chars: int = 50_000) -> str:
    rng = random.Random(7)
    words = ["treasury", "garden", "grant", "members", "audit", "500", "DAI", "milestone", "risk"]
    paragraphs = []
    while sum(map(len, paragraphs)) < chars:
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(6, 30))) + "." for _ in range(5)
        ]
        paragraphs.append(" ".join(sentences))
    paragraphs.insert(len(paragraphs) // 2, "x" * 3000)  # one giant word
    return "\n\n".join(paragraphs)[:chars]


def notes_or_summary(messages):
    return (
        "- part notes: garden, 500 DAI"
        if "Take notes on part" in messages[-1].content
        else VALID_SUMMARY
    )


def test_a_50k_character_proposal_is_map_reduced_within_the_context(make_service):
    model = ScriptedModel(notes_or_summary, context_window=CONTEXT)
    text = long_proposal()
    assert len(text) == 50_000 and model.count_tokens(text) > CONTEXT

    result = make_service(model).summarize(text)

    assert not result.without_language_model
    assert result.provenance.params["pipeline"] == "map-reduce"
    map_calls = result.provenance.params["map_calls"]
    assert map_calls >= 50_000 // 4 // CONTEXT and len(model.calls) == map_calls + 1
    for messages, params in zip(model.calls, model.params, strict=True):
        assert prompt_tokens(model, messages) + params.max_new_tokens + SAFETY_MARGIN <= CONTEXT
    assert "notes taken from the parts" in model.calls[-1][0].content


def test_chunks_cover_the_text_in_order_and_each_fits():
    text = long_proposal(20_000)
    def count(s: str) -> int:
        return (len(s) + 3) // 4

    chunks = split_to_budget(text, count, 300)
    assert all(count(c) <= 300 for c in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


def test_when_notes_do_not_shrink_the_service_falls_back(make_service):
    model = ScriptedModel(
        lambda m: m[-1].content * 2, context_window=CONTEXT
    )  # notes longer than input
    result = make_service(model).summarize(long_proposal(20_000))
    assert result.without_language_model and "too long" in result.notes[0]

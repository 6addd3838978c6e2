"""Heading-like lines in an idea or a proposal never crash a task; a failed validation falls back
with a note instead of raising."""

from __future__ import annotations

import pytest

from governance.ai.errors import OutputRejected

from .ai_fakes import ScriptedModel

HEADING_LIKE = [
    "Budget: 500 DAI for raised beds. We build a garden for members.",
    "Risks: none that we know of. We build a garden for members.",
    "Title: Garden\nSummary: a garden\nBudget: 500 DAI\nRisks: theft",
    "TL;DR: a garden.\nKey points: beds.\nAmounts and recipients: 500 DAI",
    "## Budget\n500 DAI\n## Risks\nTheft",
    "Budget:",
    "##",
    "```\nBudget: 1 ETH\n```",
]


@pytest.mark.parametrize("text", HEADING_LIKE)
def test_heading_like_first_lines_draft_and_summarize_without_a_model(make_service, text):
    service = make_service(None)
    draft = service.draft(text)
    assert [name for name, _ in draft.sections][0] == "Title" and draft.section("Title")
    summary = service.summarize(text)
    assert summary.tldr and len(summary.sections) == 5


@pytest.mark.parametrize("text", HEADING_LIKE)
def test_heading_like_ideas_through_a_model_that_echoes_them(make_service, text):
    """A model that answers with the idea itself (no headings) is rejected twice, then the
    extractive fallback answers: a note, never an exception."""
    service = make_service(ScriptedModel(lambda messages: text))
    result = service.draft(text)
    assert result.without_language_model and "failed validation" in result.notes[0]


def test_a_fallback_that_fails_validation_answers_with_a_note(make_service, monkeypatch):
    service = make_service(None)
    monkeypatch.setattr(service.extractive, "summarize", lambda text: "not sectioned at all")
    result = service.summarize("We ask 500 DAI for garden.eth.")
    assert result.without_language_model and len(result.sections) == 5
    assert any("could not be structured" in note for note in result.notes)


def test_output_rejected_is_still_what_the_validator_raises():
    from governance.ai.grounding import SourceFacts
    from governance.ai.validation import OutputSpec, validate_output

    with pytest.raises(OutputRejected):
        validate_output("no headings", OutputSpec(("TL;DR", "Risks")), SourceFacts(""))

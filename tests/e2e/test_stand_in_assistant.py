"""The offline stand-in arranges the member's own words; it never invents content."""

from __future__ import annotations

from bot.discord.proposals.embeds import made_by
from tests.e2e.stand_ins import NOT_STATED, SECTIONS, StandInAi, arrange, rearrange

IDEA = """Turn the east lot into a community garden. Members asked for an outdoor project.
Budget: 500 EUR for wood and soil
## Timeline
Two weekends in April.
Risks are low."""


def test_the_idea_is_arranged_into_the_standard_sections():
    draft = arrange(IDEA)
    assert draft.title == "Turn the east lot into a community garden"
    headings = [line[3:] for line in draft.body.splitlines() if line.startswith("## ")]
    assert headings == list(SECTIONS)
    assert "## Budget\n500 EUR for wood and soil" in draft.body
    assert "## Timeline\nTwo weekends in April.\nRisks are low." in draft.body  # a heading runs on
    assert f"## Risks\n{NOT_STATED}" in draft.body and "without a language model" in made_by(StandInAi().draft(IDEA))


def test_words_are_only_rearranged():
    draft = arrange(IDEA)
    own_words = set(IDEA.replace(":", " ").replace("#", " ").split())
    added = set(draft.body.replace("#", " ").split()) - own_words - set(SECTIONS) - set(NOT_STATED.split())
    assert added == set()


def test_feedback_replaces_named_sections_and_keeps_the_rest_as_notes():
    draft = arrange(IDEA)
    revised = rearrange(draft.title, draft.body, "Budget: 800 EUR\nAsk the city first.\n"
                                                 "Title: A garden on the east lot")
    assert revised.title == "A garden on the east lot"
    assert "## Budget\n800 EUR" in revised.body and "500 EUR" not in revised.body
    assert revised.body.endswith("## Revision notes\n- Ask the city first.")
    again = rearrange(revised.title, revised.body, "Mention the water tank.")
    assert again.body.endswith("- Ask the city first.\n- Mention the water tank.")

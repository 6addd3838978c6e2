"""The adversarial corpus through the validator, the data block and the whole service."""

from __future__ import annotations

import re

import pytest

from governance.ai.discord_safety import EMBED_DESCRIPTION_LIMIT, EMBED_FIELD_LIMIT, TLDR_LIMIT
from governance.ai.errors import OutputRejected
from governance.ai.grounding import NOT_IN_SOURCE, SourceFacts
from governance.ai.injection import find_planted
from governance.ai.prompts import PromptLibrary
from governance.ai.tasks import DigestItem
from governance.ai.untrusted import data_block
from governance.ai.validation import OutputSpec, ValidatedOutput, validate_output
from governance.domain.facts import extract_facts

from .adversarial_corpus import CASES, INPUT_ATTACKS, Case
from .ai_fakes import ScriptedModel

LIVE_MENTION = re.compile(r"@(?:everyone|here)|<@[!&]?\d", re.IGNORECASE)
HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u00ad\ufeff\u2060]")
MASKED_LINK = re.compile(r"\[[^\]]*\]\(")
# The digest cases' sources are the canonical lines of these items.
DIGEST_ITEMS = {item.as_line(): item for item in [DigestItem(7, "Garden", "passed", 30, 4, 1)]}


def spec_for(task: str) -> OutputSpec:
    return OutputSpec.of(PromptLibrary().get(task))


def assert_invariants(output: ValidatedOutput, case: Case) -> None:
    texts = [output.text, *(body for _, body in output.sections)]
    for text in texts:
        assert not LIVE_MENTION.search(text), "a mention would ping"
        assert not HIDDEN.search(text), "an invisible or bidi control survived"
        assert not MASKED_LINK.search(text), "a masked link survived"
        assert text.count("```") % 2 == 0, "an unclosed code fence"
        assert "\u200b" not in text.replace("@\u200b", "").replace("<@\u200b", ""), "stray ZWSP"
    assert len(output.text) <= EMBED_DESCRIPTION_LIMIT
    for name, body in output.sections:
        assert len(body) <= (TLDR_LIMIT if name == "TL;DR" else EMBED_FIELD_LIMIT), name
    _assert_every_unsupported_fact_marked(output.text, case.source)


def _assert_every_unsupported_fact_marked(text: str, source: str) -> None:
    supported = SourceFacts(source)
    for fact in extract_facts(text):
        if not supported.supports(fact):
            assert text[fact.end :].startswith(" " + NOT_IN_SOURCE), f"unmarked {fact.text!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validator_catches_what_each_case_requires(case: Case):
    spec = spec_for(case.task)
    if case.rejected:
        with pytest.raises(OutputRejected):
            validate_output(case.output, spec, SourceFacts(case.source))
        return
    output = validate_output(case.output, spec, SourceFacts(case.source))
    assert_invariants(output, case)
    flagged = {flag.text.strip() for flag in output.flags}
    for text in case.flagged:
        assert any(text in f for f in flagged), f"{text!r} not flagged; flags: {flagged}"
    doubted = {flag.text.strip() for flag in output.flags if flag.kind != "restored_fact"}
    for text in case.meta.get("unflagged", ()):
        assert not any(text in f or f in text for f in doubted), f"{text!r} wrongly flagged"
    for text in case.absent:
        assert text not in output.text, f"{text!r} survived"
    for text in case.present:
        assert text in output.text, f"{text!r} was lost"
    for text in case.meta.get("restored", ()):
        assert any(f.kind == "restored_fact" and text in f.text for f in output.flags), text
    if case.meta.get("no_mixed"):
        assert not [f for f in output.flags if f.kind == "mixed_script"]
    if "tldr_max" in case.meta:
        assert len(dict(output.sections)["TL;DR"]) <= case.meta["tldr_max"]


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert sum(c.rejected for c in CASES) >= 4


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_whole_service_output_is_safe_even_when_the_model_is_fooled(case: Case, make_service):
    """The model answers the attack twice; whatever reaches the user (its answer or the
    extractive fallback, which copies the adversarial source) holds the invariants."""
    service = make_service(ScriptedModel(lambda _: case.output))
    result = {
        "summarize": lambda: service.summarize(case.source),
        "draft": lambda: service.draft(case.source),
        "digest": lambda: service.digest_narrative([DIGEST_ITEMS[case.source]]),
    }[case.task]()
    output = ValidatedOutput(result.sections, result.text, result.flags)
    assert_invariants(output, case)
    assert result.without_language_model == case.rejected
    for note in result.notes:
        assert not LIVE_MENTION.search(note)


@pytest.mark.parametrize("name", sorted(INPUT_ATTACKS))
def test_untrusted_text_cannot_leave_its_data_block(name: str):
    block = data_block("PROPOSAL", INPUT_ATTACKS[name], nonce="abc123")
    lines = block.split("\n")
    content = "\n".join(lines[1:-1])
    assert lines[0] == "<<<PROPOSAL abc123>>>" and lines[-1] == "<<<END PROPOSAL abc123>>>"
    for marker in ("<<<", ">>>", "<|", "|>", "[INST]", "[/INST]", "</s>", "<s>", "<start_of_turn>"):
        assert marker not in content, marker
    assert not re.search(
        r"^\s*#*\s*(system|assistant|user)\s*:", content, re.IGNORECASE | re.MULTILINE
    )
    assert not HIDDEN.search(content) and "\u200b" not in content


HOSTILE_SOURCES = [c.source for c in CASES if c.task != "digest"] + list(INPUT_ATTACKS.values())


@pytest.mark.parametrize("source", HOSTILE_SOURCES, ids=range(len(HOSTILE_SOURCES)))
def test_hostile_text_through_draft_and_summarize_without_a_model(source: str, make_service):
    """No crash; what is shown holds the invariants; planted text is never a headline."""
    service = make_service(None)
    case = Case("hostile", source, "")
    for result in (service.summarize(source), service.draft(source)):
        assert_invariants(ValidatedOutput(result.sections, result.text, result.flags), case)
        headlines = [result.section(name) or "" for name in ("TL;DR", "Key points", "Title", "Summary")]
        for planted in find_planted(source):
            assert not any(planted.text in headline for headline in headlines), planted.text

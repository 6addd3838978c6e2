"""Sections, facts and grounding, lengths, Discord safety: the validator's parts."""

from __future__ import annotations

from governance.ai.discord_safety import neutralise_mentions, unmask_links
from governance.ai.grounding import NOT_IN_SOURCE, SourceFacts, flag_ungrounded
from governance.ai.length import fit, truncate
from governance.ai.scripts import is_mixed_script
from governance.ai.sections import parse_sections
from governance.domain.facts import extract_facts

SUMMARY_SECTIONS = ["TL;DR", "Key points", "Amounts and recipients", "Risks", "Open questions"]


def test_sections_parse_in_the_forms_models_write_them():
    text = (
        "Sure! Here it is.\n## TL;DR\nShort.\n**Key points:**\n- a\n"
        "3. Amounts and recipients: 5 DAI\n"
        "Risks\n- none\n### Open questions:\n- who?\nRisks: are high"
    )
    assert parse_sections(text, SUMMARY_SECTIONS) == {
        "TL;DR": "Short.",
        "Key points": "- a",
        "Amounts and recipients": "5 DAI",
        "Risks": "- none",
        "Open questions": "- who?\nRisks: are high",
    }


def test_missing_sections_are_simply_absent():
    assert parse_sections("## TL;DR\nx", SUMMARY_SECTIONS) == {"TL;DR": "x"}


def test_facts_are_extracted_with_their_values_and_units():
    facts = extract_facts(
        "Send $1.5M and 500 ETH to 0x"
        + "a" * 40
        + " or vitalik.eth; https://x.org/a. 12% on 2026-01-15"
    )
    assert [(f.kind, f.key, f.unit) for f in facts] == [
        ("number", "1500000", "USD"),
        ("number", "500", "ETH"),
        ("address", "0x" + "a" * 40, None),
        ("ens", "vitalik.eth", None),
        ("link", "x.org/a", None),
        ("number", "12", "%"),
        ("date", "2026-01-15", None),
    ]


def test_list_markers_and_names_with_digits_are_not_facts():
    assert extract_facts("1. First\n2) Second\nERC20 and v2") == []


def test_grounding_compares_values_and_units():
    source = SourceFacts("We need 1,500,000 USDC and 20 units; pay 0x" + "b" * 40)
    text, flags = flag_ungrounded("1.5M USDC, 1.5M DAI, 20 ETH, 21, 0x" + "B" * 40, source)
    assert [f.text for f in flags] == ["1.5M DAI", "21"]
    assert text.count(NOT_IN_SOURCE) == 2
    assert "20 ETH" in text and "20 ETH " + NOT_IN_SOURCE not in text  # unit-less 20 in source


def test_truncation_cuts_at_a_word_and_fit_keeps_flags_whole():
    assert truncate("alpha beta gamma", 12) == "alpha beta…"
    marked = fit("x " * 20 + "999", 44, lambda t: t.replace("999", "999 (⚠)"))
    assert len(marked) <= 44 and ("999" not in marked or "999 (⚠)" in marked)


def test_mentions_are_neutralised_and_masked_links_unmasked():
    assert "@everyone" not in neutralise_mentions("hi @everyone and @here")
    assert neutralise_mentions("<@1> <@!2> <@&3>").count("<@\u200b") == 3
    assert unmask_links("[docs](https://evil.example)") == "docs (https://evil.example)"


def test_mixed_script_words():
    assert is_mixed_script("pаypal")  # Cyrillic а
    assert not is_mixed_script("paypal") and not is_mixed_script("Москва")

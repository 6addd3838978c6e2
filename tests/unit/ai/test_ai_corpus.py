"""The 29 real DAO proposals through summarize and draft: no crash, every amount, address and
recipient present, nothing invented left unflagged, no doubt raised on a fact the source states.
Without a model (the extractive backend) and with a model that drops and invents facts."""

from __future__ import annotations

import re

import pytest

from governance.ai.faithfulness import score
from tests.corpus import proposals

from .ai_fakes import VALID_SUMMARY, ScriptedModel

PROPOSALS = proposals()
IDS = [p["id"] for p in PROPOSALS]
INVENTED_ADDRESS = "0x" + "ab" * 20


def assert_faithful(source: str, result) -> None:
    faithful = score(source, result.text, result.flags)
    assert faithful.missing == (), faithful.missing
    assert faithful.invented_unflagged == (), faithful.invented_unflagged
    assert faithful.false_flags == (), faithful.false_flags


@pytest.mark.parametrize("proposal", PROPOSALS, ids=IDS)
def test_summaries_without_a_model_keep_every_fact(proposal, make_service):
    result = make_service(None).summarize(proposal["description"])
    assert result.without_language_model and len(result.sections) == 5
    assert_faithful(proposal["description"], result)


@pytest.mark.parametrize("proposal", PROPOSALS, ids=IDS)
def test_drafts_without_a_model_keep_every_fact(proposal, make_service):
    result = make_service(None).draft(proposal["description"])
    assert result.section("Title") and len(result.section("Title")) <= 100
    assert_faithful(proposal["description"], result)


def lossy_model(messages) -> str:
    """A fluent answer that keeps one amount, drops the rest and invents an address."""
    data = messages[-1].content
    amount = re.search(r"\d{1,3}(?:,\d{3})+ (?:USDC|ENS|ETH|UNI)", data)
    kept = f"- {amount.group(0)}" if amount else "None stated."
    return VALID_SUMMARY.replace("- 500 DAI to garden.eth", f"{kept}\n- Paid to {INVENTED_ADDRESS}").replace(
        "The DAO funds a community garden with 500 DAI.", "The DAO moves funds."
    ).replace("- Paid to garden.eth.", "- Reviewed by the DAO.")


@pytest.mark.parametrize("proposal", PROPOSALS, ids=IDS)
def test_a_model_that_drops_and_invents_facts_is_repaired_and_flagged(proposal, make_service):
    result = make_service(ScriptedModel(lossy_model, context_window=32_768)).summarize(proposal["description"])
    assert not result.without_language_model
    assert_faithful(proposal["description"], result)
    assert any(f.kind == "ungrounded_address" and f.text == INVENTED_ADDRESS for f in result.flags)

"""A Governor proposal's decoded calls are facts of its source (`summarize(..., extra=...)`): the
summary's fact list keeps every amount a call moves (added back, marked, when the answer left it
out), stating one is not flagged as invented, and the cache tells apart the same text with other
calls. The application's summary source: the description within the budget, then the calls."""

from __future__ import annotations

from datetime import UTC, datetime

from governance.ai.amounts import RESTORED_MARK
from governance.ai.call_facts import facts_of_calls
from governance.ai.grounding import NOT_IN_SOURCE
from governance.application.governor import SUMMARIZED_CHARS, summary_source
from governance.domain.governor import Argument, DecodedCall, Movement
from governance.domain.governor.calls import TokenInfo, call_as_dict
from governance.ports import ModelInfo
from tests.fakes.governors import proposal

from .ai_fakes import ScriptedModel

USDC = TokenInfo("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "USDC", 6)
TEAM = "0x1111111111111111111111111111111111111111"
TEXT = "# Fund the docs team\n\nThe docs team gets a grant for a year of work. Vote for it."
CALLS = [call_as_dict(DecodedCall(0, USDC.address, 0, "0xa9059cbb", "transfer(address,uint256)", "transfer",
                                  (Argument("to", "address", TEAM), Argument("amount", "uint256", "120000000000",
                                                                              "120,000 USDC")),
                                  "USDC token", (Movement("transfer", TEAM, USDC, 120_000 * 10**6),)))]
ANSWER = """## TL;DR
A grant to the docs team{amount}.

## Key points
- A year of documentation work.

## Amounts and recipients
{facts}

## Risks
None stated.

## Open questions
- What will be written first?"""


def test_the_calls_amounts_are_facts_the_summary_keeps(make_service):
    extra = facts_of_calls(CALLS)
    assert [(f.kind, f.text, f.recipient) for f in extra] == [("amount", "120,000 USDC", TEAM), ("address", TEAM, "")]
    left_out = make_service(ScriptedModel([ANSWER.format(amount="", facts="None stated.")]))
    result = left_out.summarize(TEXT, extra=extra)
    facts = result.section("Amounts and recipients")
    assert f"- 120,000 USDC to {TEAM} {RESTORED_MARK}" in facts
    stated = make_service(ScriptedModel([ANSWER.format(amount=" of 120,000 USDC", facts=f"- 120,000 USDC to {TEAM}")],
                                        info=ModelInfo("fake", "scripted", "rev-2")))  # not the cached answer
    kept = stated.summarize(TEXT, extra=extra)
    assert NOT_IN_SOURCE not in kept.text and RESTORED_MARK not in kept.text  # a fact of the source, as stated
    invented = make_service(ScriptedModel([ANSWER.format(amount=" of 120,000 USDC", facts="- 120,000 USDC")],
                                          info=ModelInfo("fake", "scripted", "rev-3")))
    assert NOT_IN_SOURCE in invented.summarize(TEXT).text  # without the calls, the same amount is not in the text


def test_the_same_text_with_other_calls_is_another_summary(make_service):
    service = make_service(None)  # the extractive backend answers, and keeps the calls' facts too
    with_calls = service.summarize(TEXT, extra=facts_of_calls(CALLS))
    without = service.summarize(TEXT)
    assert with_calls.provenance.input_hash != without.provenance.input_hash
    assert "120,000 USDC" in with_calls.section("Amounts and recipients")
    assert "120,000 USDC" not in without.text


def test_the_summary_source_is_the_description_within_budget_then_the_calls():
    opens = datetime(2026, 11, 30, tzinfo=UTC)
    found = proposal(4, opens=opens, calls=CALLS)
    found = found.__class__(**{**found.__dict__, "description": "Paragraph of reasons.\n\n" * 200_000})
    source = summary_source(found)
    assert len(source) < SUMMARIZED_CHARS + 1_000  # four megabytes in, a model's budget out
    assert "[The description continues for " in source and "more characters, not summarized here.]" in source
    assert source.startswith("# Proposal 4\n\n")  # a description without a heading gets its title
    assert source.endswith(f"1. USDC token {USDC.address}: transfer(to {TEAM}, amount 120,000 USDC)")

"""Structure-aware extraction: the author's headings, tables, code, links and list introductions;
sentences in CJK and Arabic."""

from __future__ import annotations

from governance.ai.extractive import ExtractiveWriter
from governance.ai.sections import parse_sections
from governance.ai.structure import CODE, ROW, parse_document, plain
from governance.ai.text_units import sentences

from .ai_fakes import HashingEmbedder

SUMMARY = ["TL;DR", "Key points", "Amounts and recipients", "Risks", "Open questions"]
DRAFT = ["Title", "Summary", "Motivation", "Specification", "Budget", "Timeline", "Risks"]

ALLOCATION = """# Community garden grants

## Abstract
The garden working group funds raised beds and tools for three member teams this season.

The budget is as follows:

| Recipient | USDC | ENS |
| --- | --- | --- |
| Beds team | 1,800 | 0 |
| [Tools team](https://etherscan.io/address/0x1111111111111111111111111111111111111111) | 2,400 | 500 |

```
transfer(0x2222222222222222222222222222222222222222, 1800000000)
The code block says something long enough to be a sentence if it were prose.
```

[Forum thread](https://forum.example/t/garden)

## Risks
- Tools may be stolen from the shed.
- Volunteers may leave.

## Questions
- Who waters the beds in August?
"""


def summarize(text: str) -> dict[str, str]:
    return parse_sections(ExtractiveWriter(HashingEmbedder()).summarize(text), SUMMARY)


def test_an_authors_risks_heading_is_the_risks_section():
    summary = summarize(ALLOCATION)
    assert summary["Risks"] == "- Tools may be stolen from the shed.\n- Volunteers may leave."
    assert summary["Open questions"] == "- Who waters the beds in August?"


def test_the_abstract_leads_and_tables_code_links_and_list_introductions_are_not_points():
    summary = summarize(ALLOCATION)
    assert summary["TL;DR"].startswith("The garden working group funds raised beds")
    points = summary["Key points"]
    for never in ("|", "1,800", "code block", "transfer(", "Forum thread", "as follows"):
        assert never not in points and never not in summary["TL;DR"], never


def test_an_allocation_table_becomes_amounts_and_recipients():
    facts = summarize(ALLOCATION)["Amounts and recipients"]
    assert "- 1,800 USDC to Beds team" in facts
    assert "- 2,400 USDC to Tools team" in facts and "- 500 ENS to Tools team" in facts
    assert "0 ENS" not in facts.replace("500 ENS", "")  # a zero cell asks for nothing
    assert "0x1111111111111111111111111111111111111111 (Tools team)" in facts  # behind the link
    assert "0x2222222222222222222222222222222222222222" in facts  # stated in code


def test_the_document_model():
    document = parse_document(ALLOCATION)
    assert document.title == "Community garden grants"
    rows = [b for b in document.blocks if b.kind == ROW]
    assert [r.cells[0] for r in rows] == ["Beds team", "Tools team"]
    assert rows[0].header == ("Recipient", "USDC", "ENS")
    assert [b.kind for b in document.blocks].count(CODE) == 1
    assert plain("**Send** [`1 ETH`](https://x.example) to \\[us\\]") == "Send 1 ETH to [us]"


def test_no_none_stated_above_an_authors_risks_section_even_without_sentences():
    text = "We build a garden for members of the DAO this year.\n\n## Risks\n- Theft\n- Rain"
    assert summarize(text)["Risks"] == "- Theft\n- Rain"


def test_labelled_lines_are_sections_in_a_draft():
    idea = "Budget: 500 DAI for raised beds\nRisks: theft of tools\nWe build a garden for members."
    draft = parse_sections(ExtractiveWriter(HashingEmbedder()).draft(idea), DRAFT)
    assert draft["Title"] == "We build a garden for members"
    assert draft["Budget"] == "- 500 DAI (raised beds)" or draft["Budget"].startswith("- 500 DAI")
    assert draft["Risks"] == "- theft of tools"


def test_cjk_sentences_split_and_keep_their_punctuation():
    assert sentences("我们申请1,800 USDC。用于社区花园！真的吗？！好的。") == [
        "我们申请1,800 USDC。",
        "用于社区花园！",
        "真的吗？！",
        "好的。",
    ]


def test_arabic_sentences_split_at_full_stops_and_question_marks_not_commas():
    assert sentences("نقترح حديقة مجتمعية، بتكلفة 500 DAI. هل توافقون؟ نعم۔ شكرا") == [
        "نقترح حديقة مجتمعية، بتكلفة 500 DAI.",
        "هل توافقون؟",
        "نعم۔",
        "شكرا",
    ]


def test_abbreviations_do_not_end_sentences():
    assert sentences("Tools, e.g. spades, cost 5 DAI. Fine.") == ["Tools, e.g. spades, cost 5 DAI.", "Fine."]


def test_chinese_proposal_summary_keeps_full_width_punctuation_and_every_amount(make_service):
    text = (
        "# 社区花园提案\n\n我们申请1,800 USDC用于建造花坛，款项支付给garden.eth。"
        "工具可能被盗，这是一个风险！谁来浇水？"
    )
    result = make_service(None).summarize(text)
    facts = result.section("Amounts and recipients")
    assert "1,800 USDC" in facts and "garden.eth" in facts
    assert "花坛，款项" in result.text and "风险！" in result.text  # full-width, as written
    assert "谁来浇水？" in result.section("Open questions")
    assert result.flags == ()


def test_arabic_proposal_summary(make_service):
    text = "نقترح حديقة مجتمعية للأعضاء. نطلب 500 DAI إلى garden.eth، للأدوات. هل توافقون؟"
    result = make_service(None).summarize(text)
    assert "500 DAI" in result.section("Amounts and recipients")
    assert "garden.eth" in result.section("Amounts and recipients")
    assert result.section("Open questions") == "- هل توافقون؟"
    assert result.flags == ()

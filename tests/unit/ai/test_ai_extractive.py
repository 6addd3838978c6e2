"""The extractive writer's selection logic, on a fast hashing embedder."""

from __future__ import annotations

from governance.ai.extractive import MAX_SENTENCES, ExtractiveWriter
from governance.ai.sections import parse_sections

from .ai_fakes import HashingEmbedder

SECTIONS = ["TL;DR", "Key points", "Amounts and recipients", "Risks", "Open questions"]
TEXT = (
    "The garden proposal builds raised garden beds for the community garden. "
    "The community garden beds are built by members of the community. "
    "The community garden beds are built by members of the community. "
    "Our cat likes sunshine. "
    "We ask 500 DAI paid to garden.eth. "
    "Theft of tools is a risk. "
    "Who waters the garden beds in August?"
)


def test_summary_picks_central_sentences_and_fills_every_section():
    summary = parse_sections(ExtractiveWriter(HashingEmbedder()).summarize(TEXT), SECTIONS)
    assert "garden" in summary["TL;DR"]
    assert summary["Key points"].count("built by members") <= 1  # duplicates dropped
    assert summary["Amounts and recipients"] == "- 500 DAI to garden.eth"
    assert summary["Risks"] == "- Theft of tools is a risk."
    assert summary["Open questions"] == "- Who waters the garden beds in August?"


def test_summary_of_nothing_still_has_every_section():
    summary = parse_sections(ExtractiveWriter(HashingEmbedder()).summarize(""), SECTIONS)
    assert list(summary) == SECTIONS


def test_giant_inputs_embed_a_bounded_sample():
    embedder = HashingEmbedder()
    sentences = [f"Sentence {n} about the treasury." for n in range(5 * MAX_SENTENCES)]
    chosen = ExtractiveWriter(embedder).central(sentences, limit=3)
    assert len(chosen) == 3 and embedder.calls == 1


def test_template_ref_names_the_algorithm():
    ref = ExtractiveWriter(HashingEmbedder()).template_ref("summarize")
    assert ref.name == "extractive.summarize" and ref.hash.startswith("0x")

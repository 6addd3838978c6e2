"""The AI service on real backends: tiny GPT-2 (usually falls back), MiniLM extractive."""

from __future__ import annotations

from datetime import UTC

import pytest

from governance.adapters.llm.factory import build_ai_service
from governance.adapters.llm.selection import select_backend
from governance.ai.extractive import ExtractiveWriter
from governance.ai.prompts import PromptLibrary
from governance.ai.service import AiService
from governance.ai.worker import InferenceWorker
from governance.ports import GenerationParams
from tests.fakes.ai_records import InMemoryAiRecordStore

pytestmark = pytest.mark.integration

PROPOSAL = (
    "The garden working group proposes to build twelve raised beds in the community garden. "
    "We ask 500 DAI paid to garden.eth for wood, soil and tools. "
    "Members will plant vegetables together every Saturday. "
    "Theft of tools is a risk, so a lockable shed is included. "
    "Who waters the beds during the summer holidays?"
)


class Clock:
    def now(self):
        from datetime import datetime

        return datetime(2026, 11, 21, tzinfo=UTC)


def tiny_service(model_dir, minilm) -> AiService:
    selection = select_backend("auto", model_id=str(model_dir))
    assert selection.name == "transformers"
    service = build_ai_service(
        selection, store=InMemoryAiRecordStore(), clock=Clock(), embedder=minilm
    )
    service.params = GenerationParams(max_new_tokens=96)  # tiny context, quick test
    return service


async def test_tiny_model_through_the_service_on_the_worker(tiny_chat_model_dir, minilm):
    worker = InferenceWorker()
    result = await worker.run(tiny_service(tiny_chat_model_dir, minilm).summarize, PROPOSAL)
    worker.close()
    assert result.tldr and len(result.tldr) <= 280
    if result.without_language_model:  # the tiny model rarely writes all five headings
        assert result.provenance.backend == "extractive" and "validation" in result.notes[0]
    else:
        assert result.provenance.backend == "transformers"


def test_no_generative_model_summaries_are_extractive_on_minilm(minilm, tmp_path):
    selection = select_backend("auto", model_id=str(tmp_path / "no-model"))
    service = build_ai_service(
        selection, store=InMemoryAiRecordStore(), clock=Clock(), embedder=minilm
    )
    result = service.summarize(PROPOSAL)
    assert result.without_language_model and "no generative model" in result.notes[0]
    assert result.tldr in PROPOSAL  # a sentence of the proposal, not an invention
    assert result.section("Amounts and recipients") == "- 500 DAI to garden.eth"
    assert result.flags == ()
    assert result.provenance.model_id == "sentence-transformers/all-MiniLM-L6-v2"
    assert result.provenance.model_revision == minilm.info.revision


def test_extractive_summary_prefers_central_sentences(minilm):
    text = PROPOSAL + " My neighbour's cat enjoys jazz music on Tuesdays."
    central = ExtractiveWriter(minilm).central(text.split(". "), limit=3)
    assert not any("jazz" in sentence for sentence in central)


def test_prompts_render_for_the_real_tokenizer_within_its_context(tiny_chat_model_dir):
    from governance.adapters.llm.transformers_backend import TransformersLanguageModel
    from governance.ai.budget import fits
    from governance.ai.untrusted import data_block

    model = TransformersLanguageModel(str(tiny_chat_model_dir))
    prompt = (
        PromptLibrary()
        .get("summarize")
        .render({"from_notes": False}, {"proposal": data_block("PROPOSAL", PROPOSAL, "n")})
    )
    assert fits(model, prompt.messages, 96)

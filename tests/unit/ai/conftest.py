from __future__ import annotations

import pytest

from governance.ai.extractive import ExtractiveWriter
from governance.ai.prompts import PromptLibrary
from governance.ai.service import AiService
from tests.fakes.ai_records import InMemoryAiRecordStore

from .ai_fakes import FixedClock, HashingEmbedder, ScriptedModel


@pytest.fixture(scope="session")
def prompts() -> PromptLibrary:
    return PromptLibrary()


@pytest.fixture
def store() -> InMemoryAiRecordStore:
    return InMemoryAiRecordStore()


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def make_service(store, embedder, prompts):
    """AiService around a ScriptedModel (or None: no generative model)."""

    def make(model: ScriptedModel | None) -> AiService:
        return AiService(
            model=model,
            extractive=ExtractiveWriter(embedder),
            store=store,
            clock=FixedClock(),
            prompts=prompts,
        )

    return make

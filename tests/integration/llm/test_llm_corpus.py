"""The real proposals through the real backends available in CI: the HTTP backend against the
local OpenAI-compatible server (a fluent answer that drops and invents facts), and the tiny
GPT-2 through transformers (its answers rarely validate, so the fallback runs on them)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from governance.adapters.llm.factory import build_ai_service
from governance.adapters.llm.openai_http import OpenAICompatibleLanguageModel
from governance.adapters.llm.selection import BackendSelection, select_backend
from governance.ai.faithfulness import score
from governance.ports import GenerationParams
from tests.corpus import proposals
from tests.fakes.ai_records import InMemoryAiRecordStore
from tests.fakes.fake_openai_server import FakeOpenAIServer
from tests.unit.ai.test_ai_corpus import INVENTED_ADDRESS, lossy_model

pytestmark = pytest.mark.integration
PROPOSALS = proposals()


class Clock:
    def now(self):
        return datetime(2026, 11, 30, tzinfo=UTC)


def assert_faithful(source: str, result) -> None:
    faithful = score(source, result.text, result.flags)
    assert faithful.missing == () and faithful.invented_unflagged == () and faithful.false_flags == ()


def test_the_corpus_through_an_openai_compatible_server(minilm):
    with FakeOpenAIServer(lambda messages: lossy_model(_as_messages(messages))) as server:
        model = OpenAICompatibleLanguageModel(server.base_url, "fake-model", context_window=32_768)
        service = build_ai_service(BackendSelection(model, "test server"), store=InMemoryAiRecordStore(),
                                   clock=Clock(), embedder=minilm)
        for proposal in PROPOSALS:
            result = service.summarize(proposal["description"])
            assert not result.without_language_model and result.provenance.backend == "http"
            assert_faithful(proposal["description"], result)
            assert INVENTED_ADDRESS in result.text
        draft = service.draft(PROPOSALS[0]["description"])  # the same answer fails the draft's shape
        assert draft.without_language_model
        assert_faithful(PROPOSALS[0]["description"], draft)


def test_shortest_proposals_through_the_tiny_model(tiny_chat_model_dir, minilm):
    selection = select_backend("auto", model_id=str(tiny_chat_model_dir))
    service = build_ai_service(selection, store=InMemoryAiRecordStore(), clock=Clock(), embedder=minilm)
    service.params = GenerationParams(max_new_tokens=24)
    for proposal in sorted(PROPOSALS, key=lambda p: len(p["description"]))[:4]:
        for result in (service.summarize(proposal["description"]), service.draft(proposal["description"])):
            assert_faithful(proposal["description"], result)


def _as_messages(messages):
    from governance.ports import ChatMessage

    return [ChatMessage(m["role"], m["content"]) for m in messages]

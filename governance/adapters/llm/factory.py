"""Assemble the AI service from a backend selection (called by governance.bootstrap)."""

from __future__ import annotations

from governance.adapters.llm.minilm import MiniLmEmbedder
from governance.adapters.llm.selection import BackendSelection
from governance.ai.async_service import AsyncAiService
from governance.ai.extractive import ExtractiveWriter
from governance.ai.prompts import PromptLibrary
from governance.ai.service import AiService
from governance.ai.store import AiRecordStore
from governance.ai.worker import InferenceWorker
from governance.ports import Clock, SentenceEmbedder


def build_ai_service(
    selection: BackendSelection,
    *,
    store: AiRecordStore,
    clock: Clock,
    embedder: SentenceEmbedder | None = None,
    prompts: PromptLibrary | None = None,
) -> AiService:
    return AiService(
        model=selection.model,
        extractive=ExtractiveWriter(embedder or MiniLmEmbedder()),
        store=store,
        clock=clock,
        prompts=prompts,
        unavailable_reason=selection.reason,
    )


def build_async_ai_service(
    selection: BackendSelection, *, store: AiRecordStore, clock: Clock, max_queued: int = 8
) -> AsyncAiService:
    service = build_ai_service(selection, store=store, clock=clock)
    return AsyncAiService(service, InferenceWorker(max_queued=max_queued))

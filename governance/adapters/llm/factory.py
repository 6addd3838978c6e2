"""Assemble the AI service from a backend selection (called by governance.bootstrap)."""

from __future__ import annotations

from governance.adapters.llm.minilm import MiniLmEmbedder
from governance.adapters.llm.selection import BackendSelection
from governance.ai.extractive import ExtractiveWriter
from governance.ai.limits import OutputLimits
from governance.ai.prompts import PromptLibrary
from governance.ai.service import AiService
from governance.ai.store import AiRecordStore
from governance.ports import Clock, SentenceEmbedder


def build_ai_service(
    selection: BackendSelection,
    *,
    store: AiRecordStore,
    clock: Clock,
    embedder: SentenceEmbedder | None = None,
    prompts: PromptLibrary | None = None,
    limits: OutputLimits | None = None,
) -> AiService:
    return AiService(
        model=selection.model,
        extractive=ExtractiveWriter(embedder or MiniLmEmbedder()),
        store=store,
        clock=clock,
        prompts=prompts,
        unavailable_reason=selection.reason,
        limits=limits,
    )

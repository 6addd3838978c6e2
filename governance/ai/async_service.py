"""The AI use cases for async callers (the bot): each runs on the inference worker."""

from __future__ import annotations

from collections.abc import Sequence

from governance.ai.results import AiResult, SimilarityReport
from governance.ai.service import AiService
from governance.ai.tasks import DigestItem, ExistingProposal
from governance.ai.worker import InferenceWorker


class AsyncAiService:
    def __init__(self, service: AiService, worker: InferenceWorker | None = None):
        self.service = service
        self.worker = worker or InferenceWorker()

    async def summarize(self, text: str) -> AiResult:
        return await self.worker.run(self.service.summarize, text)

    async def draft(self, idea: str) -> AiResult:
        return await self.worker.run(self.service.draft, idea)

    async def revise(self, draft: str, feedback: str) -> AiResult:
        return await self.worker.run(self.service.revise, draft, feedback)

    async def digest_narrative(self, items: Sequence[DigestItem]) -> AiResult:
        return await self.worker.run(self.service.digest_narrative, items)

    async def similar(self, idea: str, existing: Sequence[ExistingProposal]) -> SimilarityReport:
        return await self.worker.run(self.service.similar, idea, existing)

    def close(self) -> None:
        self.worker.close()

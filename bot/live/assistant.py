"""The bot's Assistant on the AI app: every call runs on the one inference thread (bounded queue)."""

from __future__ import annotations

from bot.services import Draft, SimilarProposal, Summary
from governance.ai.worker import InferenceWorker
from governance.ai_app import AiApp
from governance.domain import Proposal


def _label(result) -> str:
    record = result.provenance
    return "produced without a language model" if result.without_language_model else record.model_id


def provenance_footer(result, provenance_id: int | None) -> str:
    record = result.provenance
    return (f"AI output #{provenance_id} · {_label(result)} · {record.template_name} v{record.template_version}"
            f" · record {record.record_hash[:14]}… · check it with /verify-ai or `folkmoot verify-ai`")


class ModelAssistant:
    def __init__(self, ai: AiApp, worker: InferenceWorker):
        self.ai = ai
        self.worker = worker

    async def draft(self, idea: str) -> Draft:
        return self._as_draft(await self.worker.run(self.ai.draft, idea))

    async def revise(self, title: str, body: str, feedback: str) -> Draft:
        return self._as_draft(await self.worker.run(self.ai.revise, title, body, feedback))

    async def summarize(self, proposal: Proposal) -> Summary:
        result, provenance_id = await self.worker.run(self.ai.summarize, proposal.id)
        return Summary(result.text, provenance_footer(result, provenance_id))

    async def similar(self, community_id: int, idea: str) -> list[SimilarProposal]:
        report = await self.worker.run(self.ai.similar, community_id, idea)
        return [SimilarProposal(int(m.proposal_id), m.title, m.score) for m in report.matches]

    def close(self) -> None:
        self.worker.close(timeout=5)

    @staticmethod
    def _as_draft(drafted) -> Draft:
        notes = " ".join(drafted.result.notes) or None
        return Draft(drafted.title, drafted.body, drafted.provenance_id, notes, _label(drafted.result))

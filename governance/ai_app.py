"""The AI use cases bound to the database: drafts that become revisions, summaries of stored
proposals, similarity against a community's proposals, digest narratives, and provenance
(anchoring and verification). Blocking, like the model: the bot runs them on the inference
worker (`governance.ai.worker.InferenceWorker`), the CLI calls them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from governance.ai.results import AiResult, SimilarityReport
from governance.ai.service import AiService
from governance.ai.tasks import DigestItem, ExistingProposal
from governance.domain import ProposalState
from governance.errors import InvalidInput, Unavailable
from governance.ports import Clock, LedgerReader, UnitOfWork
from governance.services import lookup, provenance
from governance.services.digest import MODEL_LABEL, PLAIN_LABEL, plain_narrative
from governance.services.verification import VerifyReport

MAX_IDEA_CHARS = 4_000  # a Discord modal's limit; longer ideas are drafts already
BODY_SECTIONS = ("Summary", "Motivation", "Specification", "Budget", "Timeline", "Risks")


@dataclass(frozen=True)
class AiDraft:
    """An AI draft ready to become a revision, with the provenance it will be recorded with."""

    title: str
    body: str
    result: AiResult
    provenance_id: int | None  # pass to create_draft / revise: the chain records which output wrote it


@dataclass
class AiApp:
    service: AiService
    uow: Callable[[], UnitOfWork]
    clock: Clock
    ledger: LedgerReader | None
    backend_reason: str  # which backend answers, and why (shown at start-up)

    def draft(self, idea: str) -> AiDraft:
        idea = _idea(idea)
        return self._as_draft(self.service.draft(idea), fallback_title=idea)

    def revise(self, title: str, body: str, feedback: str) -> AiDraft:
        feedback = _idea(feedback, what="feedback")
        result = self.service.revise(f"## Title\n{title}\n\n{body}", feedback)
        return self._as_draft(result, fallback_title=title)

    def summarize(self, proposal_id: int) -> tuple[AiResult, int | None]:
        with self.uow() as uow:
            proposal = lookup.proposal(uow, proposal_id)
        result = self.service.summarize(f"# {proposal.title}\n\n{proposal.latest.body}")
        return result, self._claim(proposal.community_id, result.provenance.record_hash)

    def similar(self, community_id: int, idea: str) -> SimilarityReport:
        with self.uow() as uow:
            known = uow.proposals.list(community_id, (ProposalState.DRAFT, ProposalState.ACTIVE,
                                                      ProposalState.CLOSED), limit=200)
        existing = [ExistingProposal(p.id, p.title, p.latest.body[:1_000]) for p in known]
        report = self.service.similar(_idea(idea), existing)
        self._claim(community_id, report.provenance.record_hash)
        return report

    def narrate(self, community_id: int, items: Sequence[DigestItem]) -> AiResult:
        result = self.service.digest_narrative(items)
        self._claim(community_id, result.provenance.record_hash)
        return result

    def narrator(self) -> DigestNarrator:
        """The digest's narrative writer (governance.services.digest.Narrate)."""
        return DigestNarrator(self)

    def anchor(self, community_id: int):
        return provenance.anchor_pending(self.uow(), self.clock, community_id)

    def verify(self, provenance_id: int) -> VerifyReport:
        if self.ledger is None:
            raise Unavailable("No chain is configured, so provenance cannot be checked against it.")
        return provenance.verify_ai(self.uow(), self.ledger, provenance_id)

    def _id_of(self, record_hash: str) -> int | None:
        with self.uow() as uow:
            stored = uow.provenance.find(record_hash)
        return stored.id if stored else None

    def _claim(self, community_id: int, record_hash: str) -> int | None:
        """Files the output under the community whose ledger anchors it; returns its id."""
        provenance_id = self._id_of(record_hash)
        if provenance_id is not None:
            with self.uow() as uow:
                uow.provenance.claim(provenance_id, community_id)
                uow.commit()
        return provenance_id

    def _as_draft(self, result: AiResult, fallback_title: str) -> AiDraft:
        """Drafts are filed under a community when they become a revision (see create_draft)."""
        title = (result.section("Title") or fallback_title).strip().splitlines()[0][:200]
        body = "\n\n".join(f"## {name}\n{text}" for name in BODY_SECTIONS
                           if (text := result.section(name)))
        return AiDraft(title, body or result.text, result, self._id_of(result.provenance.record_hash))


def _idea(text: str, what: str = "idea") -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(f"The {what} is empty.")
    if len(text) > MAX_IDEA_CHARS:
        raise InvalidInput(f"The {what} has {len(text):,} characters; the limit is {MAX_IDEA_CHARS:,}.")
    return text


class DigestNarrator:
    """Writes a digest's narrative with the model; its output is filed like any other AI output."""

    def __init__(self, app: AiApp):
        self.app = app

    def __call__(self, changes: Sequence) -> tuple[str, str]:
        latest = {c.proposal_id: c for c in changes}  # "opened" and then "open": the newest says most
        if not latest:
            return plain_narrative(changes), PLAIN_LABEL
        with self.app.uow() as uow:
            community_id = lookup.proposal(uow, next(iter(latest)), with_revisions=False).community_id
            tallies = uow.votes.tallies(list(latest))
        items = [DigestItem(c.proposal_id, c.title, c.kind.value + (f" ({c.detail})" if c.detail else ""),
                            tallies[c.proposal_id].for_votes, tallies[c.proposal_id].against_votes,
                            tallies[c.proposal_id].abstain_votes) for c in latest.values()]
        result = self.app.narrate(community_id, items)
        return result.text, PLAIN_LABEL if result.without_language_model else MODEL_LABEL

"""The AI use cases on stored proposals: drafts that become revisions, summaries, similar
proposals, digest narratives, and provenance (anchoring and verification).

Blocking, like the model: the bot runs them on the inference worker (`infer`), the CLI calls
them directly. Each output is filed under its community as it is stored (one transaction), so a
summary costs two: the cache lookup and the save.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from governance.ai.results import AiResult, SimilarityReport
from governance.ai.tasks import DigestItem, ExistingProposal
from governance.application.communities import Communities
from governance.domain import Proposal, ProposalState
from governance.domain.provenance import Anchor
from governance.errors import InvalidInput, Unavailable
from governance.services import lookup, provenance
from governance.services.digest import MODEL_LABEL, PLAIN_LABEL, Change, ChangeKind, Narrate, plain_narrative
from governance.services.verification import VerifyReport

MAX_IDEA_CHARS = 4_000  # a Discord modal's limit; longer ideas are drafts already
BODY_SECTIONS = ("Summary", "Motivation", "Specification", "Budget", "Timeline", "Risks")
SIMILAR_AMONG = 200  # newest proposals a new idea is compared with

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class AiDraft:
    """An AI draft ready to become a revision, with the provenance it will be recorded with."""

    title: str
    body: str
    result: AiResult

    @property
    def provenance_id(self) -> int | None:
        """Pass to create_draft / revise: the chain records which output wrote the revision."""
        return self.result.provenance_id


class Assistant(Communities):
    async def infer(self, use_case: Callable[P, T], *args: P.args) -> T:
        """Runs an AI use case on the inference worker: one thread, a bounded queue (a full one
        answers ModelBusy at once), so the event loop never waits for the model."""
        if self._inference is None:
            raise Unavailable("No language model is configured here.")
        return await self._inference.run(use_case, *args)

    def write_draft(self, idea: str) -> AiDraft:
        """A proposal drafted from an idea (filed under the community when it becomes a revision)."""
        idea = _idea(idea)
        return _as_draft(self._require_ai().draft(idea), fallback_title=idea)

    def redraft(self, title: str, body: str, feedback: str) -> AiDraft:
        feedback = _idea(feedback, what="feedback")
        result = self._require_ai().revise(f"## Title\n{title}\n\n{body}", feedback)
        return _as_draft(result, fallback_title=title)

    def summarize(self, proposal: Proposal) -> AiResult:
        """The proposal's latest revision summarized; result.provenance_id names the output."""
        text = f"# {proposal.title}\n\n{proposal.latest.body}"
        return self._require_ai().summarize(text, community_id=proposal.community_id)

    def find_similar(self, community_id: int, idea: str) -> SimilarityReport:
        ai = self._require_ai()
        with self.read_uow() as uow:
            known = uow.proposals.list(community_id, (ProposalState.DRAFT, ProposalState.ACTIVE,
                                                      ProposalState.CLOSED), limit=SIMILAR_AMONG)
        existing = [ExistingProposal(p.id, p.title, p.latest.body[:1_000]) for p in known]
        return ai.similar(_idea(idea), existing, community_id=community_id)

    def narrator(self) -> Narrate | None:
        """The digest's narrative writer (governance.services.digest.Narrate), if a model is wired."""
        return DigestNarrator(self) if self._ai is not None else None

    def anchor_provenance(self, community_id: int) -> Anchor | None:
        """Puts the community's unanchored AI outputs under one Merkle root, queued for the chain."""
        return provenance.anchor_pending(self.uow(), self.clock, community_id)

    def anchor_all_provenance(self) -> None:
        if self._ai is None:
            return  # no model, no outputs to anchor
        for community in self.communities():
            self.anchor_provenance(community.id)

    def verify_ai(self, provenance_id: int) -> VerifyReport:
        if self.chain is None:
            raise Unavailable("No chain is configured, so provenance cannot be checked against it.")
        return provenance.verify_ai(self.read_uow(), self.chain, provenance_id)


def _idea(text: str, what: str = "idea") -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(f"The {what} is empty.")
    if len(text) > MAX_IDEA_CHARS:
        raise InvalidInput(f"The {what} has {len(text):,} characters; the limit is {MAX_IDEA_CHARS:,}.")
    return text


def _as_draft(result: AiResult, fallback_title: str) -> AiDraft:
    title = (result.section("Title") or fallback_title).strip().splitlines()[0][:200]
    body = "\n\n".join(f"## {name}\n{text}" for name in BODY_SECTIONS if (text := result.section(name)))
    return AiDraft(title, body or result.text, result)


def _state(change: Change) -> str:
    """"closed (passed)", "open (on course to reach quorum: …)": the counts travel beside it, once."""
    if change.kind is ChangeKind.CLOSED:
        return f"{change.kind.value} ({change.outcome.label.lower() if change.outcome else 'no outcome'})"
    return change.kind.value + (f" ({change.detail})" if change.detail else "")


class DigestNarrator:
    """Writes a digest's narrative with the model; its output is filed like any other AI output."""

    def __init__(self, app: Assistant):
        self.app = app

    def __call__(self, changes: Sequence[Change]) -> tuple[str, str]:
        latest = {c.proposal_id: c for c in changes}  # "opened" and then "open": the newest says most
        if not latest:
            return plain_narrative(changes), PLAIN_LABEL
        with self.app.read_uow() as uow:
            community_id = lookup.proposal(uow, next(iter(latest)), with_revisions=False).community_id
            tallies = uow.votes.tallies(list(latest))
        items = [DigestItem(c.proposal_id, c.title, _state(c),
                            tallies[c.proposal_id].for_votes, tallies[c.proposal_id].against_votes,
                            tallies[c.proposal_id].abstain_votes) for c in latest.values()]
        result = self.app._require_ai().digest_narrative(items, community_id=community_id)
        return result.text, PLAIN_LABEL if result.without_language_model else MODEL_LABEL

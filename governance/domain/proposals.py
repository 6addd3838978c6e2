"""A proposal's life: draft → active → closed (passed / rejected / no quorum), or withdrawn."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from governance.domain.community import Actor
from governance.domain.tally import Outcome, Tally, decide_outcome
from governance.domain.text import clean_body, clean_title, content_hash
from governance.errors import InvalidState, NotAllowed, NotEligible, VotingClosed, VotingStillOpen


class ProposalState(str, enum.Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Revision:
    number: int  # 1, 2, 3 … strictly increasing
    title: str
    body: str
    content_hash: str  # keccak-256 of the canonical document
    author: str
    created_at: datetime
    provenance_id: int | None = None  # the AI output that produced it, if any


@dataclass
class Proposal:
    community_id: int
    author: str
    created_at: datetime
    revisions: list[Revision] = field(default_factory=list)
    state: ProposalState = ProposalState.DRAFT
    id: int | None = None
    published_at: datetime | None = None
    deadline: datetime | None = None
    eligible_count: int | None = None
    quorum_required: int | None = None
    threshold_bps: int | None = None
    eligible_role_id: int | None = None  # the voter role, frozen at publish (None: everyone)
    closed_at: datetime | None = None
    outcome: Outcome | None = None
    final_tally: Tally | None = None

    @property
    def latest(self) -> Revision:
        return self.revisions[-1]

    @property
    def title(self) -> str:
        return self.latest.title

    def _require(self, *states: ProposalState, action: str) -> None:
        if self.state not in states:
            raise InvalidState(f"Proposal #{self.id} is {self.state.value}; it cannot be {action}.")

    def require_voter(self, actor: Actor) -> None:
        """The voter role frozen when the proposal was published decides, whatever the role is now."""
        if not actor.holds_voter_role(self.eligible_role_id):
            raise NotEligible("You do not have the role that may vote in this community.")

    def require_editor(self, actor: Actor) -> None:
        if actor.id != self.author and not actor.is_admin:
            raise NotAllowed(f"Only the author of proposal #{self.id} or an admin can do that.")

    def add_revision(
        self, title: str, body: str, author: str, now: datetime, provenance_id: int | None = None
    ) -> Revision:
        self._require(ProposalState.DRAFT, action="revised")
        title, body = clean_title(title), clean_body(body)
        revision = Revision(
            number=len(self.revisions) + 1,
            title=title,
            body=body,
            content_hash=content_hash(title, body),
            author=author,
            created_at=now,
            provenance_id=provenance_id,
        )
        if self.revisions and revision.content_hash == self.latest.content_hash:
            raise InvalidState("The new revision is identical to the current one.")
        self.revisions.append(revision)
        return revision

    def publish(
        self, now: datetime, period: timedelta, quorum_required: int, threshold_bps: int,
        eligible_count: int | None, eligible_role_id: int | None = None,
    ) -> None:
        self._require(ProposalState.DRAFT, action="published")
        self.state = ProposalState.ACTIVE
        self.published_at = now
        self.deadline = now + period
        self.quorum_required = quorum_required
        self.threshold_bps = threshold_bps
        self.eligible_count = eligible_count
        self.eligible_role_id = eligible_role_id

    def require_open_for_votes(self, now: datetime) -> None:
        if self.state is not ProposalState.ACTIVE:
            raise VotingClosed(f"Proposal #{self.id} is {self.state.value}; it is not open for votes.")
        assert self.deadline is not None
        if now >= self.deadline:
            raise VotingClosed(f"Voting on proposal #{self.id} ended at {self.deadline:%Y-%m-%d %H:%M} UTC.")

    def close(self, now: datetime, tally: Tally) -> Outcome:
        self._require(ProposalState.ACTIVE, action="closed")
        assert self.deadline is not None and self.quorum_required is not None
        if now < self.deadline:
            raise VotingStillOpen(
                f"Voting on proposal #{self.id} is open until {self.deadline:%Y-%m-%d %H:%M} UTC."
            )
        self.state = ProposalState.CLOSED
        self.closed_at = now
        self.final_tally = tally
        self.outcome = decide_outcome(tally, self.quorum_required, self.threshold_bps or 0)
        return self.outcome

    def discard(self, now: datetime) -> None:
        """Only a draft is discarded; a published proposal is withdrawn (and that goes on record)."""
        self._require(ProposalState.DRAFT, action="discarded")
        self.withdraw(now)

    def withdraw(self, now: datetime) -> None:
        self._require(ProposalState.DRAFT, ProposalState.ACTIVE, action="withdrawn")
        if self.deadline is not None and now >= self.deadline:
            raise InvalidState(f"Voting on proposal #{self.id} ended at {self.deadline:%Y-%m-%d %H:%M} UTC; "
                               "it can no longer be withdrawn.")
        self.state = ProposalState.WITHDRAWN
        self.closed_at = now

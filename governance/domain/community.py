"""A community (one Discord guild), its settings, and who may do what in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from governance.domain.identifiers import require_actor_id
from governance.domain.tally import SIMPLE_MAJORITY_BPS, QuorumKind, QuorumRule
from governance.errors import InvalidInput, NotAllowed, NotEligible

MIN_VOTING_PERIOD = timedelta(minutes=1)
MAX_VOTING_PERIOD = timedelta(days=90)


@dataclass
class Community:
    id: int  # the Discord guild id
    name: str
    voting_period: timedelta = timedelta(days=7)
    quorum: QuorumRule = field(default_factory=lambda: QuorumRule(QuorumKind.COUNT, 3))
    threshold_bps: int = SIMPLE_MAJORITY_BPS
    eligible_role_id: int | None = None  # None: every member may vote
    proposer_role_id: int | None = None  # None: every eligible member may propose
    digest_channel_id: int | None = None
    digest_cron: str = "0 9 * * mon"  # weekly, Monday 09:00
    timezone: str = "UTC"


def validate_voting_period(period: timedelta) -> timedelta:
    if not MIN_VOTING_PERIOD <= period <= MAX_VOTING_PERIOD:
        raise InvalidInput("The voting period must be between 1 minute and 90 days.")
    return period


@dataclass(frozen=True)
class Actor:
    """Whoever asks for an action: a Discord member, a wallet, or the CLI operator."""

    id: str  # "discord:<member id>", "wallet:0x…", "cli:<name>"
    role_ids: frozenset[int] = frozenset()
    is_admin: bool = False  # Manage Server in Discord, or the CLI operator

    def __post_init__(self) -> None:
        require_actor_id(self.id)

    def may_vote(self, community: Community) -> bool:
        return self.holds_voter_role(community.eligible_role_id)

    def holds_voter_role(self, role: int | None) -> bool:
        """role None: every member may vote."""
        return role is None or role in self.role_ids or self.is_admin

    def may_propose(self, community: Community) -> bool:
        role = community.proposer_role_id
        if role is not None:
            return role in self.role_ids or self.is_admin
        return self.may_vote(community)


def require_voter(actor: Actor, community: Community) -> None:
    if not actor.may_vote(community):
        raise NotEligible("You do not have the role that may vote in this community.")


def require_proposer(actor: Actor, community: Community) -> None:
    if not actor.may_propose(community):
        raise NotEligible("You do not have the role that may make proposals in this community.")


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise NotAllowed("Only server managers can change the community settings.")

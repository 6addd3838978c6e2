"""What a community channel is told about its Governor's proposals: which proposals are news when
first seen, and which updates an announcement still owes its readers (each posted once, as a
reply to the announcement)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from governance.domain.governor.views import GovernorAnnouncement, GovernorChange, GovernorProposal

VOTING = frozenset({"pending", "active"})
PASSED = frozenset({"succeeded", "queued", "executed", "expired"})


def worth_announcing(proposal: GovernorProposal, attached_at: datetime | None) -> bool:
    """Proposals still to vote on, and any created since the community began to follow the
    Governor; the history before (attached from an old block) is not news."""
    return proposal.state in VOTING or (attached_at is not None and proposal.created_at >= attached_at)


@dataclass(frozen=True)
class GovernorUpdate:
    kind: str  # quorum_reached | ended | queued | executed | canceled | expired
    detail: str
    at: datetime | None = None  # when it happened on-chain, where an event says


def updates_owed(announced: GovernorAnnouncement, proposal: GovernorProposal, quorum_reached: bool | None,
                 lifecycle: list[GovernorChange]) -> list[GovernorUpdate]:
    """What happened since the announcement showed `announced.state`, in the order it happened:
    quorum reached, voting ended (passed or defeated), queued, executed, canceled, expired."""
    owed: list[GovernorUpdate] = []
    was_voting = announced.state in VOTING
    if was_voting and quorum_reached and not announced.quorum_reached:
        owed.append(GovernorUpdate("quorum_reached", "quorum reached"))
    if was_voting and proposal.state not in VOTING and proposal.state != "canceled":
        owed.append(GovernorUpdate("ended", "voting ended: " + ("passed" if proposal.state in PASSED else "defeated")))
    shown = {"queued": ("queued", "executed", "expired"), "executed": ("executed",), "canceled": ("canceled",)}
    for change in lifecycle:
        if announced.state not in shown.get(change.kind, ()):
            owed.append(GovernorUpdate(change.kind, change.detail, change.at))
    if proposal.state == "expired" and announced.state != "expired":
        owed.append(GovernorUpdate("expired", "expired: it was not executed in time"))
    return owed

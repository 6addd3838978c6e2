"""Pure rules over followed proposals: the execution watchdog and what ends soon."""

from __future__ import annotations

from datetime import datetime, timedelta

from governance.domain.governor.views import GovernorProposal, PendingAction


def due_actions(proposals: list[GovernorProposal], now: datetime,
                expiring_within: timedelta = timedelta(days=2)) -> list[PendingAction]:
    """Succeeded proposals still to queue (or execute), queued ones whose ETA has passed, and
    queued ones about to expire; each with the exact call that moves it on."""
    actions = []
    for p in proposals:
        if p.state == "succeeded" and p.next_call is not None:
            verb = p.next_call.function.split("(")[0]
            actions.append(PendingAction(p.proposal_id, p.title, verb, p.next_call, now,
                                         f"passed; anyone may call {verb} now", p.number))
        elif p.state == "queued":
            if p.expires_at is not None and now >= p.expires_at - expiring_within:
                actions.append(PendingAction(p.proposal_id, p.title, "expiring", p.next_call, p.expires_at,
                                             f"expires at {p.expires_at:%Y-%m-%d %H:%M UTC} unless executed",
                                             p.number))
            elif p.eta is not None and now >= p.eta and p.next_call is not None:
                actions.append(PendingAction(p.proposal_id, p.title, "execute", p.next_call, p.eta,
                                             "the timelock delay has passed; anyone may call execute now",
                                             p.number))
    return sorted(actions, key=lambda a: (a.due_at or now))


def ending_soon(proposals: list[GovernorProposal], now: datetime, within: timedelta) -> list[GovernorProposal]:
    """Active proposals whose voting ends within `within` (for reminders), soonest first."""
    due = [p for p in proposals if p.state == "active" and now <= p.window.ends_at <= now + within]
    return sorted(due, key=lambda p: p.window.ends_at)

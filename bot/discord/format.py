"""Small pieces shared by the embeds: state labels, colours, progress bars, people, times."""

from __future__ import annotations

from datetime import datetime

import discord
from discord.utils import format_dt

from governance.domain import Outcome, Proposal, ProposalState
from governance.domain.tally import BPS
from governance.services.queries import TallyView

STATE_LABELS = {
    ProposalState.DRAFT: "📝 Draft", ProposalState.ACTIVE: "🗳️ Open for votes",
    ProposalState.CLOSED: "🏁 Closed", ProposalState.WITHDRAWN: "↩️ Withdrawn",
}
OUTCOME_LABELS = {Outcome.PASSED: "✅ Passed", Outcome.REJECTED: "❌ Rejected",
                  Outcome.NO_QUORUM: "➖ No quorum"}
COLOURS = {
    ProposalState.DRAFT: discord.Colour.gold(), ProposalState.ACTIVE: discord.Colour.blurple(),
    ProposalState.WITHDRAWN: discord.Colour.light_grey(),
}
OUTCOME_COLOURS = {Outcome.PASSED: discord.Colour.green(), Outcome.REJECTED: discord.Colour.red(),
                   Outcome.NO_QUORUM: discord.Colour.dark_grey()}


def state_label(proposal: Proposal) -> str:
    if proposal.outcome is not None:
        return OUTCOME_LABELS[proposal.outcome]
    return STATE_LABELS[proposal.state]


def colour(proposal: Proposal) -> discord.Colour:
    if proposal.outcome is not None:
        return OUTCOME_COLOURS[proposal.outcome]
    return COLOURS.get(proposal.state, discord.Colour.default())


def person(actor_id: str) -> str:
    """A Discord member as a mention (shown as a name, never a ping inside embeds); others as text."""
    kind, _, value = actor_id.partition(":")
    return f"<@{value}>" if kind == "discord" and value.isdigit() else f"`{actor_id}`"


def when(moment: datetime | None) -> str:
    """In each reader's own time zone and language, plus 'in 3 days'."""
    return f"{format_dt(moment, 'f')} ({format_dt(moment, 'R')})" if moment else "—"


def progress_bar(done: int, needed: int, cells: int = 10) -> str:
    if needed <= 0:
        return "▰" * cells
    filled = min(cells, done * cells // needed)
    return "▰" * filled + "▱" * (cells - filled)


def counts(view: TallyView) -> str:
    t = view.tally
    return f"For **{t.for_votes}** · Against **{t.against_votes}** · Abstain **{t.abstain_votes}**"


def quorum_progress(view: TallyView) -> str:
    done, needed = view.tally.participants, view.quorum_required
    mark = "reached ✓" if view.quorum_reached else f"{max(needed - done, 0)} more needed"
    return f"{progress_bar(done, needed)} {done} of {needed} voters — {mark}"


def threshold_rule(view: TallyView) -> str:
    return f"Passes with more than {view.threshold_bps / BPS * 100:g}% For among For + Against"


def standing(view: TallyView) -> str:
    label = OUTCOME_LABELS[view.standing]
    return label if view.proposal.outcome else f"{label} if voting ended now"

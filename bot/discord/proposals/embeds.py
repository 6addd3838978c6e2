"""Embeds for proposals: the published card, /proposal show, /proposal list and the draft preview."""

from __future__ import annotations

import discord

from bot.discord import format as fmt
from bot.discord.limits import CHOICE_NAME, DESCRIPTION, fit, one_line, shorten
from bot.services import Draft, SimilarProposal
from governance.domain import Proposal, ProposalState
from governance.services.queries import TallyView


def full_text_pointer(proposal_id: int) -> str:
    return f"full text: /proposal show {proposal_id}"


def _card(proposal: Proposal, pointer: str) -> discord.Embed:
    embed = discord.Embed(title=f"#{proposal.id} · {proposal.title}", colour=fmt.colour(proposal),
                          description=shorten(proposal.latest.body, DESCRIPTION, pointer))
    embed.add_field(name="State", value=fmt.state_label(proposal))
    if proposal.deadline:
        label = "Voting ends" if proposal.state is ProposalState.ACTIVE else "Voting ended"
        embed.add_field(name=label, value=fmt.when(proposal.deadline))
    embed.add_field(name="Author", value=fmt.person(proposal.author))
    return embed


def _add_tally(embed: discord.Embed, view: TallyView) -> None:
    embed.add_field(name="Votes", value=fmt.counts(view), inline=False)
    embed.add_field(name="Quorum", value=fmt.quorum_progress(view), inline=False)
    embed.add_field(name="Standing", value=fmt.standing(view))
    embed.add_field(name="Rule", value=fmt.threshold_rule(view))


def published(proposal: Proposal) -> discord.Embed:
    """The public card under which members vote; the live count is in /tally."""
    embed = _card(proposal, full_text_pointer(proposal.id))
    embed.set_footer(text=f"Vote with the buttons; you can change your vote until the deadline. "
                          f"/tally {proposal.id} shows the count. Revision {proposal.latest.number} · "
                          f"{proposal.latest.content_hash[:18]}…")
    return fit(embed, full_text_pointer(proposal.id))


def detail(proposal: Proposal, view: TallyView, *, attached_full_text: bool) -> discord.Embed:
    pointer = "full text in the attached file" if attached_full_text else None
    embed = _card(proposal, pointer or "")
    if proposal.state is not ProposalState.DRAFT:
        _add_tally(embed, view)
    latest = proposal.latest
    embed.set_footer(text=f"Revision {latest.number} of {len(proposal.revisions)} · content hash "
                          f"{latest.content_hash}")
    return fit(embed, pointer)


def needs_attachment(proposal: Proposal) -> bool:
    return len(proposal.latest.body) > DESCRIPTION - 200


def listing(rows: list[tuple[Proposal, TallyView]], heading: str) -> discord.Embed:
    embed = discord.Embed(title=heading, colour=discord.Colour.blurple())
    if not rows:
        embed.description = "No proposals here yet. Start one with /propose."
    for proposal, view in rows:
        lines = [fmt.state_label(proposal)]
        if proposal.deadline:
            lines.append(f"ends {fmt.when(proposal.deadline)}" if proposal.state is ProposalState.ACTIVE
                         else f"ended {fmt.when(proposal.deadline)}")
        if proposal.state is not ProposalState.DRAFT:
            lines += [fmt.counts(view), fmt.quorum_progress(view)]
        embed.add_field(name=one_line(f"#{proposal.id} · {proposal.title}", 256), value="\n".join(lines),
                        inline=False)
    embed.set_footer(text="/proposal show <id> for the full text.")
    return fit(embed)


def draft_preview(proposal: Proposal, draft: Draft, similar: list[SimilarProposal]) -> discord.Embed:
    pointer = full_text_pointer(proposal.id)
    embed = discord.Embed(title=f"Draft #{proposal.id} · {proposal.title}", colour=discord.Colour.gold(),
                          description=shorten(proposal.latest.body, DESCRIPTION, pointer))
    if similar:
        embed.add_field(name="⚠️ Similar proposals already exist", inline=False, value="\n".join(
            f"#{s.proposal_id} · {one_line(s.title, 80)} ({s.score:.0%} alike)" for s in similar))
    if draft.note:
        embed.add_field(name="Note", value=draft.note, inline=False)
    written_by = f" · {draft.model_label}" if draft.model_label else ""
    embed.set_footer(text=f"Revision {proposal.latest.number}{written_by}. Only you can see this draft: "
                          "Publish opens voting, Revise asks for changes, Discard withdraws it.")
    return fit(embed, pointer)


def choice_label(proposal: Proposal) -> str:
    """An autocomplete label: '#12 · Title (open)'."""
    state = "open" if proposal.state is ProposalState.ACTIVE else proposal.state.value
    return one_line(f"#{proposal.id} · {proposal.title} ({state})", CHOICE_NAME)

"""Embeds for proposals: the published card, /proposal show, /proposal list and /summarize."""

from __future__ import annotations

import discord

from bot.discord import format as fmt
from bot.discord.limits import DESCRIPTION, fit, one_line, shorten
from governance.ai.results import AiResult
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


def made_by(result: AiResult) -> str:
    """Who wrote an AI output: the model, or that no language model did."""
    return "produced without a language model" if result.without_language_model else result.provenance.model_id


def provenance_footer(result: AiResult) -> str:
    record = result.provenance
    return (f"AI output #{result.provenance_id} · {made_by(result)} · {record.template_name} "
            f"v{record.template_version} · record {record.record_hash[:14]}… · check it with /verify-ai or "
            "`folkmoot verify-ai`")


def summary(proposal: Proposal, result: AiResult) -> discord.Embed:
    embed = discord.Embed(title=f"Summary · #{proposal.id} · {proposal.title}", colour=discord.Colour.teal(),
                          description=shorten(result.text, DESCRIPTION, full_text_pointer(proposal.id)))
    embed.set_footer(text=f"AI-generated, check against the proposal · {provenance_footer(result)}")
    return fit(embed, full_text_pointer(proposal.id))

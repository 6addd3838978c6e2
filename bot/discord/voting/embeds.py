"""The /tally embed: counts, quorum progress, standing, and what the chain has recorded."""

from __future__ import annotations

import discord

from bot.discord import format as fmt
from bot.discord.limits import fit
from governance.domain import ProposalState, Tally
from governance.services.queries import TallyView


def onchain_line(view: TallyView, recorded: Tally | None, chain_configured: bool) -> str:
    if not chain_configured:
        return "No chain configured; the count above is the bot's database."
    if recorded is None:
        return "Nothing recorded on-chain yet; votes are written in batches."
    if recorded == view.tally:
        return "✅ The chain records the same count."
    return (f"⏳ The chain has For {recorded.for_votes} · Against {recorded.against_votes} · "
            f"Abstain {recorded.abstain_votes} so far; newer votes are still being written. "
            f"/verify {view.proposal.id} compares item by item.")


def tally(view: TallyView, recorded: Tally | None, chain_configured: bool) -> discord.Embed:
    proposal = view.proposal
    embed = discord.Embed(title=f"Tally · #{proposal.id} · {proposal.title}", colour=fmt.colour(proposal))
    t = view.tally
    embed.add_field(name="For", value=str(t.for_votes))
    embed.add_field(name="Against", value=str(t.against_votes))
    embed.add_field(name="Abstain", value=str(t.abstain_votes))
    embed.add_field(name="Quorum", value=fmt.quorum_progress(view), inline=False)
    embed.add_field(name="Standing", value=fmt.standing(view))
    embed.add_field(name="Rule", value=fmt.threshold_rule(view))
    if proposal.deadline:
        label = "Voting ends" if proposal.state is ProposalState.ACTIVE else "Voting ended"
        embed.add_field(name=label, value=fmt.when(proposal.deadline), inline=False)
    embed.add_field(name="On-chain", value=onchain_line(view, recorded, chain_configured), inline=False)
    return fit(embed)

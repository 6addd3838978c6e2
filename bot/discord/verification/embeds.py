"""Embeds for AI output and chain records: /summarize, /verify, /wallet."""

from __future__ import annotations

import discord

from bot.discord.limits import DESCRIPTION, fit, shorten
from bot.discord.proposals.embeds import full_text_pointer
from bot.services import Summary, VerifyItem
from governance.domain import Proposal

ICONS = {True: "✅", False: "❌", None: "⏳"}


def summary(proposal: Proposal, result: Summary) -> discord.Embed:
    embed = discord.Embed(title=f"Summary · #{proposal.id} · {proposal.title}", colour=discord.Colour.teal(),
                          description=shorten(result.text, DESCRIPTION, full_text_pointer(proposal.id)))
    embed.set_footer(text=f"AI-generated, check against the proposal · {result.provenance}")
    return fit(embed, full_text_pointer(proposal.id))


def verification(proposal: Proposal, items: list[VerifyItem], chain_configured: bool) -> discord.Embed:
    embed = discord.Embed(title=f"Verify · #{proposal.id} · {proposal.title}")
    if not chain_configured:
        embed.description = "No chain is configured for this bot, so there is no on-chain record to compare."
        embed.colour = discord.Colour.light_grey()
        return fit(embed)
    if not items:
        embed.description = "Nothing about this proposal is recorded on-chain yet."
        embed.colour = discord.Colour.light_grey()
        return fit(embed)
    failed = [i for i in items if i.ok is False]
    pending = [i for i in items if i.ok is None]
    matching = [i for i in items if i.ok]
    embed.colour = (discord.Colour.red() if failed else discord.Colour.gold() if pending
                    else discord.Colour.green())
    lines = [f"{ICONS[i.ok]} **{i.name}** — {i.detail}" for i in failed + pending + matching]
    if failed:
        verdict = f"**{len(failed)} of {len(items)} items differ** between the database and the chain."
    elif pending:
        verdict = f"{len(pending)} of {len(items)} items are not on-chain yet; the rest match."
    else:
        verdict = f"All {len(items)} items match between the database and the chain."
    embed.description = shorten("\n".join([verdict, "", *lines]), DESCRIPTION,
                                f"{len(items)} items in all")
    return fit(embed)


def wallet(instructions: str) -> discord.Embed:
    embed = discord.Embed(title="Voting with a wallet", colour=discord.Colour.blurple(),
                          description=shorten(instructions, DESCRIPTION))
    return fit(embed)

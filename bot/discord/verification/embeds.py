"""The /verify embed: the database compared with the chain, item by item."""

from __future__ import annotations

import discord

from bot.discord.limits import DESCRIPTION, fit, shorten
from governance.services.verification import Check, VerifyItem

ICONS = {Check.PASS: "✅", Check.FAIL: "❌", Check.PENDING: "⏳"}


def verification(heading: str, items: list[VerifyItem], chain_configured: bool) -> discord.Embed:
    """heading: the proposal, "#12 · Title" (a Governor's proposal is verified against its Governor)."""
    embed = discord.Embed(title=f"Verify · {heading}")
    if not chain_configured:
        embed.description = "No chain is configured for this bot, so there is no on-chain record to compare."
        embed.colour = discord.Colour.light_grey()
        return fit(embed)
    if not items:
        embed.description = "Nothing about this proposal is recorded on-chain yet."
        embed.colour = discord.Colour.light_grey()
        return fit(embed)
    failed = [i for i in items if i.check is Check.FAIL]
    pending = [i for i in items if i.check is Check.PENDING]
    matching = [i for i in items if i.check is Check.PASS]
    embed.colour = (discord.Colour.red() if failed else discord.Colour.gold() if pending
                    else discord.Colour.green())
    lines = [f"{ICONS[i.check]} **{i.name}** — {i.detail}" for i in failed + pending + matching]
    if failed:
        verdict = f"**{len(failed)} of {len(items)} items differ** between the database and the chain."
    elif pending:
        verdict = f"{len(pending)} of {len(items)} items are not on-chain yet; the rest match."
    else:
        verdict = f"All {len(items)} items match between the database and the chain."
    embed.description = shorten("\n".join([verdict, "", *lines]), DESCRIPTION, f"{len(items)} items in all")
    return fit(embed)

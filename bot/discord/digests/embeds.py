"""The digest post: one embed with a field per section, plus any attached files."""

from __future__ import annotations

import io

import discord

from bot.discord.limits import DESCRIPTION, fit, shorten
from bot.services import Digest


def digest(result: Digest) -> tuple[discord.Embed, list[discord.File]]:
    embed = discord.Embed(title=result.title, colour=discord.Colour.blurple(),
                          description=shorten(result.text, DESCRIPTION))
    for heading, text in result.sections:
        embed.add_field(name=heading, value=text, inline=False)
    if result.footer:
        embed.set_footer(text=result.footer)
    files = [discord.File(io.BytesIO(f.data), filename=f.filename) for f in result.files]
    return fit(embed), files

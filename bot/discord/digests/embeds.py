"""The digest post: the narrative, one embed field per section, the tally chart attached."""

from __future__ import annotations

import io

import discord

from bot.discord.limits import DESCRIPTION, fit, shorten
from governance.scheduler.digest_text import digest_sections, digest_title
from governance.services.digest import Digest

CHART_FILE = "tallies.png"


def digest_post(digest: Digest, chart_png: bytes | None) -> tuple[discord.Embed, list[discord.File]]:
    embed = discord.Embed(title=digest_title(digest), colour=discord.Colour.blurple(),
                          description=shorten(digest.narrative, DESCRIPTION))
    for heading, text in digest_sections(digest):
        embed.add_field(name=heading, value=text, inline=False)
    embed.set_footer(text=digest.narrative_label)
    files = [discord.File(io.BytesIO(chart_png), filename=CHART_FILE)] if chart_png else []
    return fit(embed), files

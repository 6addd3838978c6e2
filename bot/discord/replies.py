"""Answering an interaction: privately, never pinging, whether or not it was deferred."""

from __future__ import annotations

from typing import Any

import discord

from bot.discord.limits import CONTENT, shorten

NO_MENTIONS = discord.AllowedMentions.none()


async def private(interaction: discord.Interaction, content: str | None = None, **kwargs: Any) -> None:
    """An ephemeral answer: the first response, or a follow-up once the interaction was acknowledged."""
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    content = shorten(content, CONTENT) if content else content
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=True, **kwargs)
    else:
        await interaction.response.send_message(content, ephemeral=True, **kwargs)


async def think_privately(interaction: discord.Interaction) -> None:
    """Acknowledges now (Discord allows 3 s) and shows 'thinking…' to the member alone."""
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)

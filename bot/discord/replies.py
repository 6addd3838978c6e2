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


def wallet_link_text(what: str) -> str:
    """The private answer carrying a one-time link to the wallet page (/wallet, "Vote with wallet")."""
    return (f"🔐 Your private link to {what} with your own wallet: it works once, for 15 minutes, and only for "
            "you. Your wallet signs; it never sends a transaction and you pay no gas.")


def link_button(url: str) -> discord.ui.View:
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Open the wallet page", url=url, emoji="🔗"))
    return view

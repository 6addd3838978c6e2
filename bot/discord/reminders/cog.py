"""/reminders: members choose whether the bot may DM them before a deadline they have not voted on."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class Reminders(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.gov = bot.gov

    @app_commands.command(name="reminders")
    @app_commands.guild_only()
    async def reminders(self, interaction: discord.Interaction, direct_messages: Literal["on", "off"]) -> None:
        """Get a direct message 24 hours and 1 hour before a vote ends, only while you have not voted.

        Args:
            direct_messages: on to receive reminders by direct message, off to stop them.
        """
        wanted = direct_messages == "on"
        await asyncio.to_thread(self.gov.remind_by_dm, interaction.guild_id, interaction.user.id, wanted)
        if wanted:
            text = ("🔔 You will get a direct message 24 hours and 1 hour before a vote ends, "
                    "unless you have voted. Allow direct messages from this server to receive them.")
        else:
            text = "🔕 No more reminders by direct message."
        await replies.private(interaction, text)


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Reminders(bot))

"""/reminders: members choose whether the bot may DM them before a deadline they have not voted on."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from governance.scheduler.opt_ins import ReminderOptIns

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class Reminders(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.bot = bot
        self.opt_ins = ReminderOptIns(bot.services.governance.engine)

    @app_commands.command(name="reminders")
    @app_commands.guild_only()
    async def reminders(self, interaction: discord.Interaction, direct_messages: Literal["on", "off"]) -> None:
        """Get a direct message 24 hours and 1 hour before a vote ends, only while you have not voted.

        Args:
            direct_messages: on to receive reminders by direct message, off to stop them.
        """
        gov = self.bot.services.governance
        if direct_messages == "on":
            await asyncio.to_thread(self.opt_ins.opt_in, interaction.guild_id, interaction.user.id, gov.clock.now())
            text = ("🔔 You will get a direct message 24 hours and 1 hour before a vote ends, "
                    "unless you have voted. Allow direct messages from this server to receive them.")
        else:
            await asyncio.to_thread(self.opt_ins.opt_out, interaction.guild_id, interaction.user.id)
            text = "🔕 No more reminders by direct message."
        await replies.private(interaction, text)


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Reminders(bot))

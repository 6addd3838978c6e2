"""/summarize: an AI summary of a proposal, with where it came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.params import AnyProposal
from bot.discord.verification.embeds import summary

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class AI(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.bot = bot

    @app_commands.command(name="summarize")
    @app_commands.guild_only()
    async def summarize(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Get a short AI summary of a proposal; the footer says which model and prompt wrote it.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        await replies.think_privately(interaction)  # the model may take a while
        result = await self.bot.services.assistant.summarize(proposal)
        await replies.private(interaction, embed=summary(proposal, result))


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(AI(bot))

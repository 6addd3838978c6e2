"""/propose, and the persistent Publish / Revise / Discard buttons under draft previews."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.drafting.flow import DraftFlow
from bot.discord.drafting.views import COG_NAME, DraftButton

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class Drafting(commands.Cog, name=COG_NAME):
    def __init__(self, bot: FolkmootBot):
        self.bot = bot
        self.flow = DraftFlow(bot.gov)

    async def cog_load(self) -> None:
        # buttons on previews sent before this start (even by another process) keep working
        self.bot.add_dynamic_items(DraftButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(DraftButton)

    @app_commands.command(name="propose")
    @app_commands.guild_only()
    async def propose(self, interaction: discord.Interaction) -> None:
        """Describe an idea; a draft proposal is written from it for you to revise and publish."""
        await self.flow.open_idea_form(interaction)


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Drafting(bot))

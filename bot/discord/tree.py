"""The command tree: every slash command passes here first, and every failure ends here."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.discord import errors
from bot.discord.communities import CommunityRegistry


class FolkmootTree(app_commands.CommandTree):
    communities: CommunityRegistry  # set by the bot

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Commands work in servers only, and the server is a community before anything runs."""
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        guild_name = interaction.guild.name if interaction.guild else ""
        try:
            await self.communities.ensure(interaction.guild_id, guild_name, self.client.user.id)
        except Exception as error:  # raised here, a plain exception would escape the error handler
            raise errors.CommunityNotReady() from error
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await errors.report(interaction, error)

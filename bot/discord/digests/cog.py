"""/digest now: post the governance digest immediately (server managers only)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.digests.embeds import digest as digest_post
from bot.discord.members import actor_for
from governance.errors import InvalidInput, NotAllowed

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class Digest(commands.Cog):
    digest = app_commands.Group(name="digest", description="The governance digest of this server.",
                                guild_only=True, default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: FolkmootBot):
        self.bot = bot

    @digest.command(name="now")
    async def now(self, interaction: discord.Interaction) -> None:
        """Post the digest now, in the digest channel (or here if none is set)."""
        if not actor_for(interaction).is_admin:
            raise NotAllowed("Only server managers can post the digest.")
        await replies.think_privately(interaction)  # building the digest may involve the model
        community = await asyncio.to_thread(self.bot.services.governance.community, interaction.guild_id)
        channel = self._channel(interaction, community.digest_channel_id)
        embed, files = digest_post(await self.bot.services.digest.build(interaction.guild_id))
        message = await channel.send(embed=embed, files=files, allowed_mentions=replies.NO_MENTIONS)
        await replies.private(interaction, f"📰 Digest posted: {message.jump_url}")

    def _channel(self, interaction: discord.Interaction, channel_id: int | None) -> discord.abc.Messageable:
        if channel_id is None:
            return interaction.channel
        channel = interaction.guild.get_channel(channel_id) if interaction.guild else None
        if channel is None:
            raise InvalidInput("The digest channel no longer exists; choose another with /config.")
        return channel


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Digest(bot))

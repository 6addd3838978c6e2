"""/digest now: post the governance digest immediately (server managers only). The same use case
as the scheduled digest and `folkmoot digest`: the run is recorded, so the next digest covers the
time since this one."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.digests.embeds import digest_post
from bot.discord.members import actor_for
from governance.errors import InvalidInput, NotAllowed
from governance.services.digest import Digest

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class PostHere:
    """Posts a digest in the channel the command chose, and keeps the message for its link."""

    def __init__(self, channel: discord.abc.Messageable):
        self.channel = channel
        self.message: discord.Message | None = None

    async def post_digest(self, community_id: int, channel_id: int | None, digest: Digest,
                          chart_png: bytes | None) -> None:
        embed, files = digest_post(digest, chart_png)
        self.message = await self.channel.send(embed=embed, files=files, allowed_mentions=replies.NO_MENTIONS)


class Digests(commands.Cog):
    digest = app_commands.Group(name="digest", description="The governance digest of this server.",
                                guild_only=True, default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: FolkmootBot):
        self.gov = bot.gov

    @digest.command(name="now")
    async def now(self, interaction: discord.Interaction) -> None:
        """Post the digest now, in the digest channel (or here if none is set)."""
        if not actor_for(interaction).is_admin:
            raise NotAllowed("Only server managers can post the digest.")
        await replies.think_privately(interaction)  # building the digest may involve the model
        poster = PostHere(await self._channel(interaction))
        await self.gov.post_digest_now(interaction.guild_id, poster)
        await replies.private(interaction, f"📰 Digest posted: {poster.message.jump_url}")

    async def _channel(self, interaction: discord.Interaction) -> discord.abc.Messageable:
        community = await asyncio.to_thread(self.gov.community, interaction.guild_id)
        if community.digest_channel_id is None:
            return interaction.channel
        channel = interaction.guild.get_channel(community.digest_channel_id) if interaction.guild else None
        if channel is None:
            raise InvalidInput("The digest channel no longer exists; choose another with /config.")
        return channel


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Digests(bot))

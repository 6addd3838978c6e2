"""A server becomes a community when the bot joins it or first sees it at start-up."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

log = logging.getLogger("folkmoot.bot.communities")


class Communities(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.bot = bot

    async def _ensure(self, guild: discord.Guild) -> None:
        try:
            await self.bot.communities.ensure(guild.id, guild.name, self.bot.user.id)
        except Exception:  # the first command in that server tries again
            log.exception("could not set up guild %s as a community", guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self._ensure(guild)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        await self._ensure(guild)


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Communities(bot))

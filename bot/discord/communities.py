"""Every server is a community: set up with default rules the first time the bot meets it (when it
joins, when the server becomes available at start-up, or at its first command)."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord.ext import commands

from bot.discord.members import bot_actor
from governance.application import Governance
from governance.errors import Conflict

log = logging.getLogger("folkmoot.bot.communities")


class CommunityRegistry:
    def __init__(self, gov: Governance):
        self.gov = gov
        self._known: set[int] = set()
        self._locks: dict[int, asyncio.Lock] = {}

    async def ensure(self, guild_id: int, guild_name: str, bot_user_id: int) -> None:
        """Idempotent and cheap after the first call for a guild."""
        if guild_id in self._known:
            return
        async with self._locks.setdefault(guild_id, asyncio.Lock()):
            if guild_id in self._known:
                return
            name = " ".join((guild_name or "").split())[:100] or f"Server {guild_id}"
            try:
                await asyncio.to_thread(self.gov.setup_community, guild_id, name, bot_actor(bot_user_id))
            except Conflict:
                pass  # another bot instance created it at the same moment
            self._known.add(guild_id)


class Communities(commands.Cog):
    def __init__(self, bot: commands.Bot, registry: CommunityRegistry):
        self.bot = bot
        self.registry = registry

    async def _ensure(self, guild: discord.Guild) -> None:
        try:
            await self.registry.ensure(guild.id, guild.name, self.bot.user.id)
        except Exception:  # the first command in that server tries again
            log.exception("could not set up guild %s as a community", guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self._ensure(guild)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        await self._ensure(guild)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Communities(bot, bot.tree.communities))

"""Every guild is a community: set up with default rules the first time the bot meets it."""

from __future__ import annotations

import asyncio

from bot.discord.members import bot_actor
from governance.app import Governance
from governance.errors import Conflict


class CommunityRegistry:
    def __init__(self, governance: Governance):
        self.governance = governance
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
                await asyncio.to_thread(self.governance.setup_community, guild_id, name,
                                        bot_actor(bot_user_id))
            except Conflict:
                pass  # another bot instance created it at the same moment
            self._known.add(guild_id)

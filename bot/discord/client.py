"""The Discord bot: a sharded `commands.Bot` over the application object. Each feature is an
extension (bot.discord.extensions); its cog registers its own commands and persistent buttons. The
app's background tasks are an extension too (background.py).

Sharded from the start: by default it runs as many shards as Discord recommends (GET /gateway/bot),
all in this process; `shard_count` and `shard_ids` split them across processes sharing one
database, where the leader locks let one process run the scheduler and one the relayer."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import discord
from discord.ext import commands

from bot.discord.communities import CommunityRegistry
from bot.discord.extensions import EXTENSIONS
from bot.discord.replies import NO_MENTIONS
from bot.discord.tree import FolkmootTree
from governance.application import Governance
from governance.domain.wording import plural

log = logging.getLogger("folkmoot.bot")


class FolkmootBot(commands.AutoShardedBot):
    """background: run the app's background tasks (the chain loop, the scheduler) with the bot, as
    `folkmoot run` does. receipt_*: how a vote receipt waits for its transaction (the voting cog)."""

    def __init__(self, gov: Governance, *, guild_ids: Iterable[int] = (), sync_commands: bool = True,
                 background: bool = False, receipt_poll_seconds: float = 5.0,
                 receipt_give_up_seconds: float | None = None, **options: Any):
        # Interactions carry the member and their roles, so no privileged intent is needed.
        options.setdefault("intents", discord.Intents(guilds=True))
        # a text-only bot: missing voice libraries are not worth a warning at every start
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(command_prefix=commands.when_mentioned, help_command=None, tree_cls=FolkmootTree,
                         allowed_mentions=NO_MENTIONS, **options)
        self.gov = gov
        self.guild_ids = tuple(guild_ids)
        self.sync_on_start = sync_commands
        self.run_background = background
        self.receipt_poll_seconds = receipt_poll_seconds
        self.receipt_give_up_seconds = receipt_give_up_seconds
        self.tree.communities = CommunityRegistry(gov)

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.sync_on_start:
            await self.sync_commands()

    async def sync_commands(self) -> None:
        """Guild commands appear at once; global ones can take an hour, so guilds are preferred."""
        if not self.guild_ids:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))
            return
        for guild_id in self.guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        shards = sorted(self.shards)
        log.info("connected as %s to %s on %s %s of %s", self.user, plural(len(self.guilds), "server"),
                 "shard" if len(shards) == 1 else "shards", ", ".join(map(str, shards)), self.shard_count)


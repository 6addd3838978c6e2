"""The Discord bot: a `commands.Bot` that receives its services and wires cogs, flows and buttons."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

import discord
from discord.ext import commands

from bot.discord.communities import CommunityRegistry
from bot.discord.drafting.flow import DraftFlow
from bot.discord.drafting.views import DraftButton
from bot.discord.extensions import EXTENSIONS
from bot.discord.replies import NO_MENTIONS
from bot.discord.tree import FolkmootTree
from bot.discord.voting.flow import VoteFlow
from bot.discord.voting.receipts import ReceiptWatcher
from bot.discord.voting.views import VoteButton
from bot.services import BotServices

log = logging.getLogger("folkmoot.bot")


class FolkmootBot(commands.Bot):
    def __init__(self, services: BotServices, *, guild_ids: Iterable[int] = (), sync_commands: bool = True,
                 receipt_poll_seconds: float = 5.0, receipt_give_up_seconds: float | None = None,
                 **options: Any):
        # Interactions carry the member and their roles, so no privileged intent is needed.
        options.setdefault("intents", discord.Intents(guilds=True))
        # a text-only bot: missing voice libraries are not worth a warning at every start
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(command_prefix=commands.when_mentioned, help_command=None, tree_cls=FolkmootTree,
                         allowed_mentions=NO_MENTIONS, **options)
        self.services = services
        self.guild_ids = tuple(guild_ids)
        self.sync_on_start = sync_commands
        self.communities = CommunityRegistry(services.governance)
        self.receipts = ReceiptWatcher(services.chain, poll_seconds=receipt_poll_seconds,
                                       **({"give_up_after": receipt_give_up_seconds}
                                          if receipt_give_up_seconds is not None else {}))
        self.drafting = DraftFlow(services)
        self.voting = VoteFlow(services, self.receipts)

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        # buttons on messages sent before this start (even by another process) keep working
        self.add_dynamic_items(VoteButton, DraftButton)
        for task in self.services.background:
            if hasattr(task, "attach"):  # tasks that post through the bot, like the scheduler
                task.attach(self)
            await task.start()
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
        log.info("connected as %s to %d servers", self.user, len(self.guilds))

    async def close(self) -> None:
        for task in reversed(self.services.background):
            try:
                await task.stop()
            except Exception:
                log.exception("stopping %s failed", type(task).__name__)
        await self.receipts.stop()
        close = getattr(self.services.assistant, "close", None)
        if close is not None:  # the inference worker (and a model's child process) stop with the bot
            await asyncio.to_thread(close)
        await super().close()

"""The app's background tasks, run beside the bot for its whole life when it runs as `folkmoot
run` does: the chain loop (relay, read signed ballots back, anchor AI provenance) and the
scheduler, which posts digests, reminders and results through this bot (DiscordPublisher)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord.ext import commands

from bot.discord.publisher import DiscordPublisher
from governance.application import BackgroundTask

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

log = logging.getLogger("folkmoot.bot")


class Background(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.tasks: list[BackgroundTask] = bot.gov.background_tasks(DiscordPublisher(bot, bot.gov))

    async def cog_load(self) -> None:
        for task in self.tasks:
            await task.start()

    async def cog_unload(self) -> None:
        for task in reversed(self.tasks):
            try:
                await task.stop()
            except Exception:
                log.exception("stopping %s failed", type(task).__name__)


async def setup(bot: FolkmootBot) -> None:
    if bot.run_background:
        await bot.add_cog(Background(bot))

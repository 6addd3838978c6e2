"""Runs the governance scheduler (digests, reminders, automatic closing) beside the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class BotScheduler:
    """A BackgroundTask: the scheduler posts through this bot once it is connected."""

    def __init__(self) -> None:
        self.bot: FolkmootBot | None = None
        self.scheduler = None

    def attach(self, bot: FolkmootBot) -> None:
        self.bot = bot

    async def start(self) -> None:
        from bot.discord.publisher import DiscordPublisher
        from governance.scheduler import build_scheduler

        gov = self.bot.services.governance
        narrate = gov.ai.narrator() if gov.ai is not None else None
        self.scheduler = build_scheduler(gov, DiscordPublisher(self.bot), narrate=narrate)
        await self.scheduler.start()

    async def stop(self) -> None:
        if self.scheduler is not None:
            await self.scheduler.stop()

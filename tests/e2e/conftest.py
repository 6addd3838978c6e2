"""End-to-end fixtures: the local Discord, the governance app on SQLite (with the stand-in AI
pipeline unless a test wires a real one), and the real bot client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.discord.client import FolkmootBot
from governance.adapters.sql.ai_store import SqlAiRecordStore
from governance.application import Governance
from governance.bootstrap import bootstrap
from governance.config import Settings
from tests.e2e.fake_discord import FakeDiscord, InteractionLog, Member
from tests.e2e.stand_ins import StandInAi

READY_TIMEOUT = 10.0


def light_app(engine, clock, ai: type[StandInAi] = StandInAi, **ports) -> Governance:
    """The app on the test database with a stand-in AI pipeline (or a subclass of it); `ports`:
    e.g. chain=a fake chain."""
    return bootstrap(Settings(), engine=engine, clock=clock, migrate=False, ai=ai(SqlAiRecordStore(engine)),
                     **ports)


@pytest.fixture
def gov(sqlite_engine, clock) -> Governance:
    return light_app(sqlite_engine, clock)


@pytest.fixture
async def discord_server() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    with server.redirect():
        yield server
    await server.stop()


class Bots:
    """Starts and stops real `FolkmootBot` clients against the local Discord."""

    def __init__(self, server: FakeDiscord, gov: Governance):
        self.server = server
        self.gov = gov
        self._running: list[tuple[FolkmootBot, asyncio.Task]] = []

    async def start(self, gov: Governance | None = None, **options) -> FolkmootBot:
        """A bot on `gov` (the fixture's app by default); `options` go to FolkmootBot."""
        options.setdefault("guild_ready_timeout", 0.05)  # else on_ready waits 2 s for more guilds
        options.setdefault("receipt_poll_seconds", 0.05)
        bot = FolkmootBot(gov or self.gov, guild_ids=[self.server.guild.id], **options)
        task = asyncio.create_task(bot.start(self.server.token))
        self._running.append((bot, task))
        ready = asyncio.create_task(bot.wait_until_ready())
        await asyncio.wait({task, ready}, timeout=READY_TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()  # raises whatever stopped the client
        assert ready.done(), "the bot did not become ready"
        return bot

    async def stop(self, bot: FolkmootBot) -> None:
        for running, task in list(self._running):
            if running is bot:
                await bot.close()
                await asyncio.wait_for(task, READY_TIMEOUT)
                self._running.remove((running, task))

    async def stop_all(self) -> None:
        for bot, _ in list(self._running):
            await self.stop(bot)


@pytest.fixture
async def bots(discord_server, gov) -> AsyncIterator[Bots]:
    runner = Bots(discord_server, gov)
    yield runner
    await runner.stop_all()


@pytest.fixture
async def bot(bots) -> FolkmootBot:
    return await bots.start()


@pytest.fixture
def guild(discord_server):
    return discord_server.guild


@pytest.fixture
def admin(guild) -> Member:
    return guild.members["admin"]


async def propose(server: FakeDiscord, member: Member, idea: str,
                  timeout: float = 10.0) -> tuple[InteractionLog, dict]:
    """/propose, fill in the idea; returns the submission and the draft preview the member sees.

    A real model (even the extractive one) can take seconds on a busy machine: pass a longer timeout."""
    opened = await server.members.slash(member, "propose")
    await opened.answered()
    submitted = await server.members.submit(member, opened, idea=idea)
    preview = await submitted.reply(timeout=timeout)
    return submitted, preview


async def publish(server: FakeDiscord, member: Member, preview: dict, timeout: float = 10.0) -> dict:
    """Presses Publish on a preview; returns the public proposal message."""
    before = len(server.public_posts())
    pressed = await server.members.click(member, preview, button(preview, "publish"))
    await pressed.reply(timeout=timeout)
    await server.wait_for(lambda: len(server.public_posts()) > before, timeout)
    return server.public_posts()[-1]


def button(message: dict, suffix: str) -> str:
    """The custom_id of the button whose id ends with `suffix` (e.g. "publish", "for")."""
    ids = [c["custom_id"] for row in message["components"] for c in row["components"] if "custom_id" in c]
    matching = [i for i in ids if i.endswith(":" + suffix)]
    assert len(matching) == 1, f"no single {suffix!r} button among {ids}"
    return matching[0]


def text_of(message: dict) -> str:
    """Everything a member reads in a message: content, embed titles, descriptions, fields, footers."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        footer = (embed.get("footer") or {}).get("text", "")
        parts += [embed.get("title", ""), embed.get("description", ""), footer]
        parts += [f"{f['name']}: {f['value']}" for f in embed.get("fields", [])]
    return "\n".join(p for p in parts if p)

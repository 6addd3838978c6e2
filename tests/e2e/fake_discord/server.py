"""The local Discord: one aiohttp app on 127.0.0.1 serving the gateway and the REST API."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator

import discord
import yarl
from aiohttp import web

from tests.e2e.fake_discord.gateway import Gateway
from tests.e2e.fake_discord.members import Members
from tests.e2e.fake_discord.records import EPHEMERAL, InteractionLog, Messages, RestCall
from tests.e2e.fake_discord.rest import Rest
from tests.e2e.fake_discord.world import Guild, Member, snowflake


class FakeDiscord:
    """shards: what GET /gateway/bot recommends (a client asking for it identifies that many shards)."""

    def __init__(self, token: str = "fake-bot-token", shards: int = 1):
        self.token = token
        self.shards = shards
        self.bot = Member(snowflake(), "Folkmoot", bot=True)
        self.guild = Guild(bot=self.bot)
        self.guilds: list[Guild] = [self.guild]
        self.calls: list[RestCall] = []
        self.commands: dict[int | None, list[dict]] = {}  # by guild id; None = global
        self.interactions: dict[str, InteractionLog] = {}  # by token
        self.messages = Messages(self.guild_of_channel, self.bot.user())
        self.dm_channels: dict[int, int] = {}  # DM channel id → the member's user id
        self.closed_dms: set[int] = set()  # members who do not accept DMs from server members
        self.gateway = Gateway(self)
        self.members = Members(self)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # lifecycle
    async def start(self) -> FakeDiscord:
        rest = Rest(self)
        app = web.Application(middlewares=[rest.recorder])
        app.add_routes([web.get("/gateway", self.gateway.handle), *rest.routes()])
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @contextlib.contextmanager
    def redirect(self) -> Iterator[None]:
        """Points discord.py's two base URLs here, and back afterwards."""
        base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_url
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway

    # the world
    def add_guild(self, shard: tuple[int, int] | None = None) -> Guild:
        """Another server with the same bot; with shard=(id, count), one whose events go to that shard."""
        from tests.e2e.fake_discord.gateway import shard_of

        while True:
            guild = Guild(bot=self.bot, name=f"Folkmoot Test Guild {len(self.guilds) + 1}")
            if shard is None or shard_of(guild.id, shard[1]) == shard[0]:
                break
            time.sleep(0.001)  # a snowflake's shard follows its millisecond
        self.guilds.append(guild)
        return guild

    def guild_by_id(self, guild_id: int) -> Guild | None:
        return next((g for g in self.guilds if g.id == guild_id), None)

    def guild_of_channel(self, channel_id: int) -> int | None:
        return next((g.id for g in self.guilds if channel_id in g.channels.values()), None)

    def member_by_id(self, user_id: int) -> Member | None:
        return next((m for g in self.guilds for m in g.members.values() if m.id == user_id), None)

    # what tests look at
    def registered(self, name: str, guild: Guild | None = None) -> dict:
        guild = guild or self.guild
        for command in self.commands.get(guild.id, []) + self.commands.get(None, []):
            if command["name"] == name:
                return command
        raise AssertionError(f"/{name} was not registered with Discord")

    def direct_messages(self, member: Member) -> list[dict]:
        """What the bot sent the member in their DM channel."""
        channels = {str(c) for c, user in self.dm_channels.items() if user == member.id}
        return [m for m in self.messages.by_id.values() if m["channel_id"] in channels]

    def public_posts(self, channel: str = "general") -> list[dict]:
        return self.messages.posted_in(self.guild.channels[channel])

    def message(self, message_id: int | str) -> dict:
        return self.messages.by_id[int(message_id)]

    def message_payloads(self) -> list[dict]:
        """Every message body the bot sent or edited, whichever endpoint carried it."""
        bodies = []
        for call in self.calls:
            body = call.body
            if call.method not in ("POST", "PATCH") or not isinstance(body, dict):
                continue
            if call.path.endswith("/callback"):
                body = body.get("data") if body.get("type") in (4, 7) else None
            if body and ("content" in body or "embeds" in body):
                bodies.append(body)
        return bodies

    @staticmethod
    def is_ephemeral(message: dict) -> bool:
        return bool(int(message.get("flags") or 0) & EPHEMERAL)

    async def notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, ready: Callable[[], bool], timeout: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(ready), timeout)

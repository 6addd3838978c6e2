"""The REST endpoints the bot uses, answering as Discord does and recording every call."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.e2e.fake_discord.records import EPHEMERAL, LOADING, InteractionLog, RestCall
from tests.e2e.fake_discord.world import snowflake

if TYPE_CHECKING:
    from tests.e2e.fake_discord.server import FakeDiscord

API = "/api/v10"
BODY = web.RequestKey("body", object)  # the parsed JSON (or payload_json) of a request
FILES = web.RequestKey("files", tuple)
ALREADY_ACKNOWLEDGED = 40060


def reply(data: Any = None, status: int = 200) -> web.Response:
    """discord.py parses JSON only when Content-Type is exactly application/json."""
    if data is None and status == 204:
        return web.Response(status=204)
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json"})


def error(status: int, message: str, code: int = 0) -> web.Response:
    return reply({"message": message, "code": code}, status)


async def read_body(request: web.Request) -> tuple[Any, tuple[str, ...]]:
    if request.content_type.startswith("multipart/"):
        payload, files = None, []
        async for part in await request.multipart():
            if part.name == "payload_json":
                payload = json.loads(await part.text())
            else:
                files.append(part.filename or part.name)
                await part.read()
        return payload, tuple(files)
    text = await request.text() if request.can_read_body else ""
    return (json.loads(text) if text else None), ()


class Rest:
    def __init__(self, discord: FakeDiscord):
        self.discord = discord

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(API + "/users/@me", self.me),
            web.get(API + "/oauth2/applications/@me", self.application),
            web.get(API + "/gateway", self.gateway), web.get(API + "/gateway/bot", self.gateway),
            web.put(API + "/applications/{app}/commands", self.put_commands),
            web.put(API + "/applications/{app}/guilds/{guild}/commands", self.put_commands),
            web.get(API + "/applications/{app}/guilds/{guild}/commands", self.get_commands),
            web.post(API + "/interactions/{id}/{token}/callback", self.callback),
            web.post(API + "/webhooks/{app}/{token}", self.follow_up),
            web.patch(API + "/webhooks/{app}/{token}/messages/{message}", self.edit_webhook_message),
            web.get(API + "/webhooks/{app}/{token}/messages/{message}", self.get_webhook_message),
            web.get(API + "/channels/{channel}", self.get_channel),
            web.post(API + "/channels/{channel}/messages", self.post_message),
            web.patch(API + "/channels/{channel}/messages/{message}", self.edit_message),
            web.get(API + "/guilds/{guild}", self.get_guild),
            web.get(API + "/guilds/{guild}/members/{user}", self.get_member),
            web.get(API + "/users/{user:\\d+}", self.get_user),
            web.post(API + "/users/@me/channels", self.open_dm),
            web.route("*", API + "/{tail:.*}", self.unknown),
        ]

    @web.middleware
    async def recorder(self, request: web.Request, handler) -> web.StreamResponse:
        if not request.path.startswith(API):
            return await handler(request)
        body, files = await read_body(request)
        request[BODY], request[FILES] = body, files
        self.discord.calls.append(
            RestCall(request.method, request.path.removeprefix(API), dict(request.query), body, files)
        )
        authorised = request.headers.get("Authorization") == f"Bot {self.discord.token}"
        bot_route = not request.path.startswith((API + "/webhooks", API + "/interactions"))
        if bot_route and not authorised:
            return error(401, "401: Unauthorized")
        return await handler(request)

    # login and start-up
    async def me(self, request: web.Request) -> web.Response:
        return reply(self.discord.bot.user())

    async def application(self, request: web.Request) -> web.Response:
        bot = self.discord.bot
        return reply({"id": str(bot.id), "name": bot.name, "icon": None, "description": "",
                      "bot_public": True, "bot_require_code_grant": False,
                      "owner": self.discord.guild.members["admin"].user(), "verify_key": "00" * 32,
                      "flags": 0, "summary": "", "team": None})

    async def gateway(self, request: web.Request) -> web.Response:
        return reply({"url": self.discord.gateway_url, "shards": self.discord.shards,
                      "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0,
                                              "max_concurrency": 1}})

    async def put_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        registered = [{**command, "id": str(snowflake()), "application_id": str(self.discord.bot.id),
                       "version": str(snowflake()), **({"guild_id": guild} if guild else {})}
                      for command in request[BODY]]
        self.discord.commands[int(guild) if guild else None] = registered
        return reply(registered)

    async def get_commands(self, request: web.Request) -> web.Response:
        return reply(self.discord.commands.get(int(request.match_info["guild"]), []))

    # interactions
    def _interaction(self, request: web.Request) -> InteractionLog | None:
        return self.discord.interactions.get(request.match_info["token"])

    async def callback(self, request: web.Request) -> web.Response:
        log, body = self._interaction(request), request[BODY]
        if log is None or str(log.id) != request.match_info["id"]:
            return error(404, "Unknown interaction", 10062)
        if log.callbacks:
            log.refused_callbacks.append(body)
            await log.notify()
            return error(400, "Interaction has already been acknowledged.", ALREADY_ACKNOWLEDGED)
        log.callbacks.append(body)
        kind, data = body["type"], body.get("data") or {}
        messages = self.discord.messages
        answer: dict[str, Any] = {"id": str(log.id), "type": 2, "response_message_loading": kind == 5,
                                  "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL)}
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 5):  # a new message, or its "thinking…" placeholder
            flags = int(data.get("flags") or 0) | (LOADING if kind == 5 else 0)
            message = messages.create(log.channel_id, data if kind == 4 else {}, request[FILES], flags)
            log.original_message_id = int(message["id"])
            if kind == 4:
                log.visible.append(message)
            resource["message"] = message
        elif kind in (6, 7):  # the message whose component was used becomes the original
            log.original_message_id = log.source_message_id
            if kind == 7:
                message = messages.edit(log.source_message_id, data, request[FILES])
                log.visible.append(message)
                resource["message"] = message
        if log.original_message_id:
            answer["response_message_id"] = str(log.original_message_id)
        await log.notify()
        return reply({"interaction": answer, "resource": resource})

    async def follow_up(self, request: web.Request) -> web.Response:
        log, body = self._interaction(request), request[BODY] or {}
        if log is None or not log.callbacks:
            return error(404, "Unknown webhook", 10015)
        messages = self.discord.messages
        placeholder = log.original_message_id and messages.by_id[log.original_message_id]["flags"] & LOADING
        if placeholder:  # Discord turns the first follow-up after a "thinking" defer into that message
            message = messages.edit(log.original_message_id, body, request[FILES])
        else:
            message = messages.create(log.channel_id, body, request[FILES], int(body.get("flags") or 0))
        log.visible.append(message)
        await log.notify()
        return reply(message) if request.query.get("wait") in ("1", "true") else reply(status=204)

    def _webhook_message_id(self, log: InteractionLog, raw: str) -> int | None:
        return log.original_message_id if raw == "@original" else int(raw)

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        log = self._interaction(request)
        message_id = log and self._webhook_message_id(log, request.match_info["message"])
        if not message_id or message_id not in self.discord.messages.by_id:
            return error(404, "Unknown message", 10008)
        message = self.discord.messages.edit(message_id, request[BODY] or {}, request[FILES])
        log.visible.append(message)
        await log.notify()
        return reply(message)

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        log = self._interaction(request)
        message_id = log and self._webhook_message_id(log, request.match_info["message"])
        if not message_id or message_id not in self.discord.messages.by_id:
            return error(404, "Unknown message", 10008)
        return reply(self.discord.messages.by_id[message_id])

    # guilds, members, users and direct messages, as Discord answers them
    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self.discord.guild_by_id(int(request.match_info["guild"]))
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        payload = guild.create_payload()
        return reply({k: v for k, v in payload.items() if k not in ("members", "channels", "threads", "presences",
                                                                      "voice_states", "joined_at", "large")})

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self.discord.guild_by_id(int(request.match_info["guild"]))
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        user_id = int(request.match_info["user"])
        member = next((m for m in guild.members.values() if m.id == user_id), None)
        if member is None:
            return error(404, "Unknown Member", 10007)
        return reply({k: v for k, v in member.member().items() if k != "permissions"})  # REST omits it

    async def get_user(self, request: web.Request) -> web.Response:
        member = self.discord.member_by_id(int(request.match_info["user"]))
        return reply(member.user()) if member else error(404, "Unknown User", 10013)

    async def open_dm(self, request: web.Request) -> web.Response:
        member = self.discord.member_by_id(int((request[BODY] or {}).get("recipient_id", 0)))
        if member is None:
            return error(404, "Unknown User", 10013)
        channel = next((c for c, user in self.discord.dm_channels.items() if user == member.id), None) or snowflake()
        self.discord.dm_channels[channel] = member.id
        return reply({"id": str(channel), "type": 1, "last_message_id": None, "flags": 0,
                      "recipients": [member.user()]})

    # channels
    async def get_channel(self, request: web.Request) -> web.Response:
        channel = int(request.match_info["channel"])
        for guild in self.discord.guilds:
            for position, (name, channel_id) in enumerate(guild.channels.items()):
                if channel_id == channel:
                    return reply(guild.channel_payload(name, position))
        return error(404, "Unknown Channel", 10003)

    async def post_message(self, request: web.Request) -> web.Response:
        channel = int(request.match_info["channel"])
        if channel in self.discord.dm_channels:
            if self.discord.dm_channels[channel] in self.discord.closed_dms:
                return error(403, "Cannot send messages to this user", 50007)
        elif self.discord.guild_of_channel(channel) is None:
            return error(404, "Unknown Channel", 10003)
        message = self.discord.messages.create(channel, request[BODY] or {}, request[FILES])
        self.discord.messages.channel_posts.append(int(message["id"]))
        await self.discord.notify()
        return reply(message)

    async def edit_message(self, request: web.Request) -> web.Response:
        message_id = int(request.match_info["message"])
        if message_id not in self.discord.messages.by_id:
            return error(404, "Unknown message", 10008)
        message = self.discord.messages.edit(message_id, request[BODY] or {}, request[FILES])
        await self.discord.notify()
        return reply(message)

    async def unknown(self, request: web.Request) -> web.Response:
        return error(404, f"The fake Discord has no route {request.method} {request.path}")

"""What the fake Discord remembers: every REST call, every message, every interaction's answers."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.fake_discord.world import Member, now_iso, snowflake

EPHEMERAL = 1 << 6
LOADING = 1 << 7


@dataclass(frozen=True)
class RestCall:
    method: str
    path: str  # after /api/v10
    query: dict[str, str]
    body: Any  # the JSON body, or payload_json of a multipart body
    files: tuple[str, ...] = ()


class Messages:
    """Every message the bot created, by id, with its latest content."""

    def __init__(self, guild_of_channel: Callable[[int], int | None], author: dict):
        self.guild_of_channel = guild_of_channel  # None for a DM channel
        self.author = author
        self.by_id: dict[int, dict] = {}
        self.channel_posts: list[int] = []  # ids of messages sent with POST /channels/{id}/messages

    def create(self, channel_id: int, body: dict, files: tuple[str, ...] = (), flags: int = 0) -> dict:
        message = {
            "id": str(snowflake()), "type": 0, "channel_id": str(channel_id),
            "author": self.author, "content": "", "embeds": [], "components": [], "attachments": [],
            "mentions": [], "mention_roles": [], "mention_everyone": False, "pinned": False, "tts": False,
            "timestamp": now_iso(), "edited_timestamp": None, "flags": flags,
        }
        guild_id = self.guild_of_channel(channel_id)
        if guild_id is not None:  # a direct message has none
            message["guild_id"] = str(guild_id)
        self.by_id[int(message["id"])] = message
        self._apply(message, body, files)
        return copy.deepcopy(message)

    def edit(self, message_id: int, body: dict, files: tuple[str, ...] = ()) -> dict:
        message = self.by_id[message_id]
        self._apply(message, body, files)
        message["flags"] &= ~LOADING  # an edit replaces the "thinking…" placeholder
        message["edited_timestamp"] = now_iso()
        return copy.deepcopy(message)

    @staticmethod
    def _apply(message: dict, body: dict, files: tuple[str, ...]) -> None:
        for key, empty in (("content", ""), ("embeds", []), ("components", [])):
            if key in body:
                message[key] = body[key] if body[key] is not None else empty
        if body.get("flags") is not None:
            message["flags"] = (message["flags"] & EPHEMERAL) | int(body["flags"])
        if files:
            message["attachments"] = [
                {"id": str(snowflake()), "filename": name, "size": 1, "url": f"http://files/{name}",
                 "proxy_url": f"http://files/{name}"} for name in files
            ]

    def posted_in(self, channel_id: int) -> list[dict]:
        return [copy.deepcopy(self.by_id[i]) for i in self.channel_posts
                if self.by_id[i]["channel_id"] == str(channel_id)]


@dataclass
class InteractionLog:
    """One interaction as Discord sees it: the single allowed callback and what members then saw."""

    id: int
    token: str
    kind: str  # "command", "autocomplete", "component", "modal"
    member: Member
    channel_id: int
    source_message_id: int | None = None  # the message whose component was used
    callbacks: list[dict] = field(default_factory=list)
    refused_callbacks: list[dict] = field(default_factory=list)  # second acknowledgements
    original_message_id: int | None = None
    visible: list[dict] = field(default_factory=list)  # message snapshots, in the order shown
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    @property
    def callback(self) -> dict | None:
        return self.callbacks[0] if self.callbacks else None

    @property
    def modal(self) -> dict:
        assert self.callback and self.callback["type"] == 9, f"no modal was opened: {self.callback}"
        return self.callback["data"]

    @property
    def choices(self) -> list[dict]:
        assert self.callback and self.callback["type"] == 8, f"no autocomplete answer: {self.callback}"
        return self.callback["data"]["choices"]

    async def notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, ready: Callable[[InteractionLog], bool], timeout: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: ready(self)), timeout)

    async def answered(self, timeout: float = 10.0) -> dict:
        await self.wait_for(lambda log: bool(log.callbacks), timeout)
        return self.callbacks[0]

    async def reply(self, number: int = 1, timeout: float = 10.0) -> dict:
        """The number-th message this member saw in answer (a response, a follow-up or an edit)."""
        await self.wait_for(lambda log: len(log.visible) >= number, timeout)
        return self.visible[number - 1]

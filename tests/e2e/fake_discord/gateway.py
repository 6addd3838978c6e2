"""The gateway websocket: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME with replay.

Every dispatched event is kept in its session's log, so a client that resumes after a
dropped connection receives exactly the events it had not yet seen, as with Discord.

Sharding as Discord does it: an IDENTIFY may carry `shard: [id, count]`; that session gets the
guilds with `(guild_id >> 22) % count == id` (READY lists them, a GUILD_CREATE each), and a guild's
events (an interaction) go to the session of its shard.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from tests.e2e.fake_discord.server import FakeDiscord

HELLO, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, INVALID_SESSION, HEARTBEAT_ACK = 10, 1, 2, 6, 7, 9, 11
AUTHENTICATION_FAILED = 4004
UNKNOWN_ERROR = 4000


def shard_of(guild_id: int, shard_count: int) -> int:
    """Which shard receives a guild's events: Discord's rule."""
    return (guild_id >> 22) % shard_count


@dataclass
class Session:
    id: str
    shard: tuple[int, int] = (0, 1)  # (shard id, shard count) as identified
    seq: int = 0
    log: list[dict] = field(default_factory=list)
    socket: web.WebSocketResponse | None = None
    request: web.Request | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Gateway:
    def __init__(self, discord: FakeDiscord):
        self.discord = discord
        self.sessions: dict[str, Session] = {}
        self.current: Session | None = None  # the latest identified (one shard: the only one)
        self.shards: dict[int, Session] = {}  # the live session of each shard id
        self.identified_shards: list[tuple[int, int]] = []  # every IDENTIFY's shard, in order
        self.identifies = 0
        self.resumes = 0
        self.replayed = 0  # events sent again on a resume because the client had not seen them
        self.online = asyncio.Event()  # set while a client is attached to the current session

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await self._send(socket, {"op": HELLO, "d": {"heartbeat_interval": 41_250}, "s": None, "t": None})
        session: Session | None = None
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            if message["op"] == HEARTBEAT:
                await self._send(socket, {"op": HEARTBEAT_ACK, "d": None})
            elif message["op"] == IDENTIFY:
                session = await self._identify(socket, request, message["d"])
            elif message["op"] == RESUME:
                session = await self._resume(socket, request, message["d"])
        if session is not None and session.socket is socket:
            session.socket = None
            self.online.clear()
        return socket

    async def _identify(self, socket, request, data: dict) -> Session | None:
        if data.get("token") != self.discord.token:
            await socket.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return None
        self.identifies += 1
        shard = tuple(data["shard"]) if data.get("shard") else (0, 1)
        self.identified_shards.append(shard)
        session = Session(id=uuid.uuid4().hex, shard=shard, socket=socket, request=request)
        self.sessions[session.id] = self.current = self.shards[shard[0]] = session
        bot = self.discord.bot
        guilds = [g for g in self.discord.guilds if shard_of(g.id, shard[1]) == shard[0]]
        ready = {
            "v": 10, "user": bot.user(), "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id, "resume_gateway_url": self.discord.gateway_url,
            "application": {"id": str(bot.id), "flags": 0}, "private_channels": [], "relationships": [],
        }
        if data.get("shard"):
            ready["shard"] = list(shard)
        await self.dispatch("READY", ready, session)
        for guild in guilds:
            await self.dispatch("GUILD_CREATE", guild.create_payload(), session)
        self.online.set()
        return session

    async def _resume(self, socket, request, data: dict) -> Session | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.discord.token:
            await self._send(socket, {"op": INVALID_SESSION, "d": False})
            return None
        self.resumes += 1
        async with session.lock:
            session.socket, session.request = socket, request
            for event in session.log:
                if event["s"] > (data.get("seq") or 0):
                    self.replayed += 1
                    await self._send(socket, event)
        await self.dispatch("RESUMED", {})
        self.online.set()
        return session

    def session_of(self, guild_id: int) -> Session | None:
        """The live session whose shard has this guild."""
        return next((s for s in self.shards.values() if shard_of(guild_id, s.shard[1]) == s.shard[0]), None)

    async def dispatch(self, event: str, data: dict[str, Any], session: Session | None = None) -> None:
        """Sends an event on the session of its guild's shard (else the current one), or only logs it
        while that client is away."""
        if session is None and data.get("guild_id"):
            session = self.session_of(int(data["guild_id"]))
        session = session or self.current
        assert session is not None, "no client has identified yet"
        async with session.lock:
            session.seq += 1
            payload = {"op": 0, "t": event, "s": session.seq, "d": data}
            session.log.append(payload)
            if session.socket is not None and not session.socket.closed:
                await self._send(session.socket, payload)

    async def drop(self, *, abrupt: bool = False) -> None:
        """Cuts the connection; events dispatched until the client resumes are only logged."""
        session = self.current
        assert session is not None and session.socket is not None
        async with session.lock:
            socket, request = session.socket, session.request
            session.socket = None
            self.online.clear()
        if abrupt and request is not None and request.transport is not None:
            request.transport.close()  # no close frame: the TCP connection just goes away
        else:
            await socket.close(code=UNKNOWN_ERROR, message=b"Dropped by the test.")

    async def ask_to_reconnect(self) -> None:
        """Discord's op 7: the client must close and resume."""
        session = self.current
        assert session is not None and session.socket is not None
        self.online.clear()
        await self._send(session.socket, {"op": RECONNECT, "d": None})

    @staticmethod
    async def _send(socket: web.WebSocketResponse, payload: dict) -> None:
        try:
            await socket.send_str(json.dumps(payload))
        except ConnectionError:
            pass  # the client went away; a resume replays the log

"""A bot in many servers shards its gateway (#12). The local Discord answers GET /gateway/bot with a
shard count, takes an IDENTIFY per shard and routes each guild's events by (guild_id >> 22) %
shard_count, as Discord does. One process runs every shard Discord recommends; or two processes
(FOLKMOOT_DISCORD_SHARDS=2, FOLKMOOT_DISCORD_SHARD_IDS=0 and 1) share one database, each answering
its own servers, and the leader locks let exactly one of them run the scheduler and the relayer."""

from __future__ import annotations

import asyncio

import pytest

from bot.discord.client import FolkmootBot
from bot.discord.runner import prepare, shard_options
from governance.config import Settings
from tests.e2e.conftest import light_app
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.fake_discord.gateway import shard_of
from tests.fakes.chain import QuietChain

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
READY = 30.0  # discord.py waits 5 s between the IDENTIFYs of one process's shards


@pytest.fixture
async def sharded_discord():
    server = await FakeDiscord(shards=2).start()
    for shard in (0, 1):  # a server on each shard
        if not any(shard_of(g.id, 2) == shard for g in server.guilds):
            server.add_guild(shard=(shard, 2))
    with server.redirect():
        yield server
    await server.stop()


async def started(bot: FolkmootBot, token: str) -> asyncio.Task:
    task = asyncio.create_task(bot.start(token))
    ready = asyncio.create_task(bot.wait_until_ready())
    await asyncio.wait({task, ready}, timeout=READY, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        task.result()
    assert ready.done(), "the bot did not become ready"
    return task


async def stopped(bot: FolkmootBot, task: asyncio.Task) -> None:
    await bot.close()
    await asyncio.wait_for(task, READY)


async def answered_in(server: FakeDiscord, guild) -> dict:
    member = guild.members["voter1"]
    done = await server.members.slash(member, "proposal list", guild=guild)
    return await done.reply()


def guild_on(server: FakeDiscord, shard: int):
    return next(g for g in server.guilds if shard_of(g.id, 2) == shard)


async def test_one_process_runs_the_shards_discord_recommends(sharded_discord, gov):
    server = sharded_discord
    bot = FolkmootBot(gov, guild_ids=[g.id for g in server.guilds], guild_ready_timeout=0.05)
    task = await started(bot, server.token)
    try:
        assert ("GET", "/gateway/bot") in [(c.method, c.path) for c in server.calls]
        assert sorted(server.gateway.identified_shards) == [(0, 2), (1, 2)]
        assert bot.shard_count == 2 and sorted(bot.shards) == [0, 1]
        for guild in server.guilds:
            assert bot.get_guild(guild.id).shard_id == shard_of(guild.id, 2)
            session = server.gateway.session_of(guild.id)
            assert session.shard == (shard_of(guild.id, 2), 2)
            creates = [e["d"]["id"] for e in session.log if e["t"] == "GUILD_CREATE"]
            assert creates == [str(guild.id)]  # only the guilds of its own shard
            assert (await answered_in(server, guild))["flags"] & 64  # answered, privately
    finally:
        await stopped(bot, task)


async def test_two_processes_share_the_shards_and_one_database(sharded_discord, sqlite_engine, clock):
    server = sharded_discord
    settings = [Settings(discord_shards=2, discord_shard_ids=[shard]) for shard in (0, 1)]
    apps = [light_app(sqlite_engine, clock, chain=QuietChain()) for _ in settings]
    bots = [FolkmootBot(app, guild_ids=[g.id for g in server.guilds], guild_ready_timeout=0.05,
                        **shard_options(s), **prepare(app)) for app, s in zip(apps, settings)]
    tasks = [await started(bot, server.token) for bot in bots]
    try:
        assert ("GET", "/gateway/bot") not in [(c.method, c.path) for c in server.calls]  # the count is given
        assert sorted(server.gateway.identified_shards) == [(0, 2), (1, 2)]
        for shard, bot in enumerate(bots):
            mine, theirs = guild_on(server, shard), guild_on(server, 1 - shard)
            assert list(bot.shards) == [shard]
            assert bot.get_guild(mine.id) is not None and bot.get_guild(theirs.id) is None
            before = len([c for c in server.calls if c.path.endswith("/callback")])
            await answered_in(server, mine)
            assert len([c for c in server.calls if c.path.endswith("/callback")]) == before + 1
        await asyncio.sleep(1.5)  # each chain loop has tried its leader lock once by now
        schedulers = [t for b in bots for t in b.get_cog("Background").tasks if hasattr(t, "leading")]
        relayers = [t for b in bots for t in b.get_cog("Background").tasks if hasattr(t, "run_once")]
        assert sorted(s.leading for s in schedulers) == [False, True]  # one database, one scheduler
        held = [await asyncio.to_thread(r.lock.still_held) for r in relayers]
        assert sorted(held) == [False, True]  # and one relayer
    finally:
        for bot, task in zip(bots, tasks):
            await stopped(bot, task)

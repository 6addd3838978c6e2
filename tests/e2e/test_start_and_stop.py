"""`folkmoot run` as an operator starts and stops it (#12): after logging is configured it says which
language model answers and why, which database (no password), which chain and ledgers; Ctrl-C
(SIGINT) and a service manager's SIGTERM stop it cleanly, without a traceback. The bot runs in its
own process against the local Discord; the stop's time bound is only a timeout."""

from __future__ import annotations

import asyncio
import re
import signal

import pytest

from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.processes import bot_process, folkmoot, start

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
STOP_TIMEOUT = 30.0  # a bound for a hung process, not a measure: the stop itself takes well under 5 s
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (INFO|WARNING) +[\w.]+: ")


@pytest.fixture
async def local_discord():
    server = await FakeDiscord().start()
    yield server
    await server.stop()


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
async def test_run_says_what_it_runs_on_then_stops_cleanly(local_discord, tmp_path, number):
    env = {"FOLKMOOT_DISCORD_TOKEN": local_discord.token, "FOLKMOOT_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
           "FOLKMOOT_MODEL_BACKEND": "extractive", "FOLKMOOT_DISCORD_GUILD_IDS": str(local_discord.guild.id)}
    bot = await start(bot_process(local_discord.api_url, local_discord.gateway_url), env, tmp_path)
    try:
        connected = await bot.wait_for_line("connected as Folkmoot to 1 server on shard 0 of 1")
        model = await bot.wait_for_line("language model: ")
        assert LOG_LINE.match(model) and "extractive" in model  # logged once logging was set up, so seen
        assert bot.lines.index(model) < bot.lines.index(connected)
        database = await bot.wait_for_line("database: ")
        assert database.endswith(f"database: sqlite:///{tmp_path / 'bot.db'}")
        chain = await bot.wait_for_line("chain: embedded py-evm (in memory); ledgers: none deployed yet")
        assert LOG_LINE.match(chain)
        await bot.wait_for_line("recording to the embedded chain")
        status = await bot.stop(number, STOP_TIMEOUT)
    finally:
        await bot.kill()
    assert status == 0, bot.output
    assert "Traceback" not in bot.output and "Error" not in bot.output, bot.output
    assert bot.lines[-1].endswith("folkmoot.run: stopped"), bot.output
    assert sum("recording to the embedded chain" in line for line in bot.lines) == 1


async def test_relay_watch_speaks_only_when_something_happens_and_stops_on_sigterm(tmp_path):
    env = {"FOLKMOOT_DATABASE_URL": f"sqlite:///{tmp_path / 'relay.db'}"}
    for argv in (["community", "create", "42", "Guild"], ["proposal", "create", "--title", "T", "--body", "B"]):
        setup = await start(folkmoot(*argv), env, tmp_path)
        assert await setup.process.wait() == 0
        await setup.kill()
    relay = await start(folkmoot("chain", "relay", "--watch"), env, tmp_path)
    try:
        await relay.wait_for_line("Relayed: sent 2 transactions, confirmed 1 record.")
        await asyncio.sleep(3)  # a few idle passes (one a second): nothing to say about them
        status = await relay.stop(signal.SIGTERM, STOP_TIMEOUT)
    finally:
        await relay.kill()
    assert status == 0 and "Traceback" not in relay.output
    said = [line for line in relay.lines if "recording to the embedded chain" not in line]
    assert said[0].startswith("Relaying to embedded py-evm (in memory) until stopped")
    assert said[1].startswith("Deployed the ledger of community 42 at 0x")
    assert said[2:] == ["Relayed: sent 2 transactions, confirmed 1 record.",
                        "Stopped. A pass cut short resumes where it stopped at the next relay."], relay.output


async def test_run_serves_the_wallet_page_when_configured_and_stops_it(local_discord, tmp_path):
    import socket

    import aiohttp

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = "w" * 40
    env = {"FOLKMOOT_DISCORD_TOKEN": local_discord.token, "FOLKMOOT_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
           "FOLKMOOT_MODEL_BACKEND": "extractive", "FOLKMOOT_DISCORD_GUILD_IDS": str(local_discord.guild.id),
           "FOLKMOOT_WEB_URL": f"http://127.0.0.1:{port}", "FOLKMOOT_WEB_BIND": f"127.0.0.1:{port}",
           "FOLKMOOT_WEB_SECRET": secret}
    bot = await start(bot_process(local_discord.api_url, local_discord.gateway_url), env, tmp_path)
    try:
        await bot.wait_for_line(f"wallet page at http://127.0.0.1:{port}")
        await bot.wait_for_line("connected as Folkmoot")
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/w/forged.link") as page:
            assert page.status == 400 and "This link is not valid" in await page.text()
            assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        status = await bot.stop(signal.SIGTERM, STOP_TIMEOUT)
    finally:
        await bot.kill()
    assert status == 0 and "Traceback" not in bot.output, bot.output
    assert secret not in bot.output
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # the page stopped with the bot: its port is free

"""No secret is ever printed or logged (#12), even at FOLKMOOT_LOG_LEVEL=DEBUG. A whole round with
planted secrets: the Discord token, an RPC URL with an API key in its path and in its query, a
PostgreSQL password (percent-encoded in the URL), the recorder's private key, the model server's API
key, and the interaction tokens Discord hands the bot. Other libraries' loggers are capped at INFO
for the CLI (their DEBUG lines quote URLs and tokens); the bot runs with FOLKMOOT_DEBUG_THIRD_PARTY,
the worst case, where discord.py, web3, urllib3 and SQLAlchemy log everything and only the scrubbing
of every line stands between them and the secrets. The CLI sets up, the bot runs (its own
process, against the local Discord, a model server and anvil): a member drafts with the model,
publishes, members vote, the chain loop relays, /tally and /verify answer; then the CLI relays,
shows, verifies, summarizes, and fails once on purpose. Every line of output and of the error log
is searched for every secret."""

from __future__ import annotations

import asyncio
import signal
import urllib.parse
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import POSTGRES_URL, _require_postgres
from tests.e2e.conftest import button, propose, publish
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.processes import bot_process, folkmoot, start
from tests.fakes.fake_openai_server import FakeOpenAIServer
from tests.integration.ledger.conftest import ANVIL_KEY
from tests.integration.ledger.rpc_proxy import RpcProxy
from tests.unit.ai.ai_fakes import VALID_DRAFT, VALID_SUMMARY

pytestmark = [pytest.mark.integration, pytest.mark.anvil, pytest.mark.e2e, pytest.mark.postgres]
DISCORD_TOKEN = "MTk4NjIyNDgzNDcxOTI1MjQ4.Planted.Discord-Bot-Token-q9Zx"
RPC_PATH_KEY = "PlantedRpcPathKey7f3a9c"
RPC_QUERY_KEY = "PlantedRpcQueryKey2b8e41"
DB_PASSWORD = "Planted@Db%Password!"
MODEL_KEY = "sk-planted-model-api-key-5d1e"
STOP_TIMEOUT = 30.0


def answer(messages: list[dict]) -> str:
    return VALID_SUMMARY if "TL;DR" in " ".join(m["content"] for m in messages) else VALID_DRAFT


async def wait_until(check, timeout: float = 120.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await asyncio.to_thread(check):
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.2)


@pytest.fixture
def schema():
    _require_postgres()
    name = f"leak_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    yield name, admin
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


async def test_a_debug_round_prints_and_logs_no_secret(anvil_node, schema, tmp_path):
    name, admin = schema
    proxy = RpcProxy(anvil_node.w3.provider.endpoint_uri)
    server = await FakeDiscord(token=DISCORD_TOKEN).start()
    guild = server.guild
    password = urllib.parse.quote(DB_PASSWORD, safe="")
    database = POSTGRES_URL.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{password}@")
    env = {
        "FOLKMOOT_DATABASE_URL": f"{database}?options=-csearch_path%3D{name}",
        "FOLKMOOT_CHAIN": "rpc", "FOLKMOOT_CHAIN_RPC_URL": f"{proxy.url}/v3/{RPC_PATH_KEY}?apikey={RPC_QUERY_KEY}",
        "FOLKMOOT_CHAIN_PRIVATE_KEY": ANVIL_KEY, "FOLKMOOT_DISCORD_TOKEN": DISCORD_TOKEN,
        "FOLKMOOT_DISCORD_GUILD_IDS": str(guild.id), "FOLKMOOT_MODEL_BACKEND": "http",
        "FOLKMOOT_MODEL_HTTP_API_KEY": MODEL_KEY, "FOLKMOOT_LOG_LEVEL": "DEBUG",
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    outputs: list[str] = []

    async def cli(*argv: str, expect: int = 0) -> None:
        command = await start(folkmoot(*argv), env, tmp_path)
        status = await command.process.wait()
        await command.kill()
        outputs.append(command.output)
        assert status == expect, command.output

    def confirmed() -> bool:
        with admin.connect() as connection:
            return connection.execute(text(f'SELECT count(*) FROM "{name}".outbox WHERE status != \'confirmed\''))\
                .scalar() == 0

    try:
        with FakeOpenAIServer(answer) as model:
            env["FOLKMOOT_MODEL_HTTP_URL"] = model.base_url
            await cli("db", "upgrade")
            await cli("community", "create", str(guild.id), "Riverside", "--quorum", "2")
            bot = await start(bot_process(server.api_url, server.gateway_url),
                              {**env, "FOLKMOOT_DEBUG_THIRD_PARTY": "1"}, tmp_path)
            try:
                await bot.wait_for_line("connected as Folkmoot")
                author = guild.members["voter1"]
                _, preview = await propose(server, author, "Build raised beds in the garden.", timeout=60)
                post = await publish(server, author, preview, timeout=60)
                for member in guild.voters(3):
                    await (await server.members.click(member, post, button(post, "for"))).reply(timeout=60)
                await wait_until(confirmed)
                for command, options in (("tally", {"proposal": 1}), ("verify", {"proposal": 1})):
                    await (await server.members.slash(author, command, **options)).reply(timeout=60)
                assert await bot.stop(signal.SIGINT, STOP_TIMEOUT) == 0
            finally:
                await bot.kill()
                outputs.append(bot.output)
            for argv in (["chain", "relay"], ["chain", "status", "--json"], ["tally", "1", "--json"],
                         ["proposal", "show", "1"], ["verify", "1"], ["summarize", "1"],
                         ["digest", "--community", str(guild.id), "--dry-run", "--chain"]):
                await cli(*argv)
            proxy.down = True  # errors quote URLs: not ours
            await cli("proposal", "create", "--title", "Later", "--body", "After the node went away.")
            await cli("chain", "relay", expect=2)
            await cli("chain", "deploy", "--community", str(guild.id), expect=2)
            assert model.authorizations and set(model.authorizations) == {f"Bearer {MODEL_KEY}"}  # really in play
    finally:
        proxy.close()
        await server.stop()

    everything = "\n".join(outputs)
    log = tmp_path / "state" / "folkmoot" / "errors.log"
    if log.exists():
        everything += log.read_text()
    assert "DEBUG   discord.http" in everything and "DEBUG   web3" in everything  # the bot logged everything
    assert not any("DEBUG" in output for output in outputs[:2] + outputs[3:])  # the CLI's others: capped
    interaction_tokens = list(server.interactions)
    assert len(interaction_tokens) >= 7
    secrets = [DISCORD_TOKEN, RPC_PATH_KEY, RPC_QUERY_KEY, DB_PASSWORD, password, MODEL_KEY, ANVIL_KEY,
               ANVIL_KEY.removeprefix("0x"), *interaction_tokens]
    leaked = [secret for secret in secrets if secret in everything]
    assert not leaked, [next(line for line in everything.splitlines() if s in line) for s in leaked]
    assert "Traceback" not in everything

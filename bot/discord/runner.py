"""`folkmoot run`: load settings, configure logging, build the app, say what it runs on, connect to
Discord, and stop cleanly on Ctrl-C or SIGTERM. Failures are one line (the CLI prints them)."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Sequence
from typing import Any

import aiohttp
import discord

from bot.discord.limits import AI_OUTPUT
from bot.lifecycle import Service, bounded, services_running, until_stopped
from bot.logs import configure_logging
from bot.web.runner import web_services
from governance.application import Governance
from governance.bootstrap import FROM_SETTINGS, bootstrap
from governance.config import ConfigError, Settings, load_settings
from governance.domain.wording import plural
from governance.errors import Unavailable
from governance.redaction import public_database_url

log = logging.getLogger("folkmoot.run")
TOKEN_MISSING = ("FOLKMOOT_DISCORD_TOKEN: not set; copy the bot token from the Discord developer portal "
                 "(your application → Bot → Reset Token) into the environment or .env.")
TOKEN_REJECTED = ("FOLKMOOT_DISCORD_TOKEN: Discord rejected this token; it may have been reset. "
                  "Copy a new one from the developer portal (your application → Bot → Reset Token).")
INTENTS_REFUSED = ("Discord refused the gateway intents this bot asks for; "
                   "enable them in the developer portal.")
SHUTDOWN_SECONDS = 1.0  # the inference worker's last job; a model's child process is killed at exit


def token_of(settings: Settings) -> str:
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise ConfigError(TOKEN_MISSING)
    return token


def prepare(gov: Governance) -> dict[str, Any]:
    """What `folkmoot run` does with the app before starting the bot: concurrent votes commit in
    groups; the bot runs the app's background tasks (the chain loop, the scheduler). Returns the
    bot's options."""
    gov.start_batching()  # a vote storm commits in groups instead of one transaction per click
    return {"background": True}


def shard_options(settings: Settings) -> dict[str, Any]:
    """Which shards this process runs: all of Discord's recommended count by default, or the
    FOLKMOOT_DISCORD_SHARD_IDS of FOLKMOOT_DISCORD_SHARDS (several processes, one database)."""
    if settings.discord_shards is None:
        return {}
    return {"shard_count": settings.discord_shards, "shard_ids": settings.discord_shard_ids or None}


def describe_setup(gov: Governance, settings: Settings) -> list[str]:
    """What this process runs on, for the start-up log: never a password, key or URL path."""
    lines = [f"database: {public_database_url(settings.database_url)}"]
    if not gov.chain_configured:
        lines.append("chain: none (FOLKMOOT_CHAIN=off): nothing is recorded on-chain")
    else:
        status = gov.chain_status()  # the database's view: no node is asked yet
        ledgers = ", ".join(f"community {d.community_id} at {d.address} (chain {d.chain_id})"
                            for d in status.deployments) or "none deployed yet (the first record deploys one)"
        pending = status.outbox.get("pending", 0)
        lines.append(f"chain: {status.description}; ledgers: {ledgers}; {plural(pending, 'record')} waiting to "
                     "be relayed")
    shards = shard_options(settings)
    lines.append("discord: " + (f"shards {shards['shard_ids'] or 'all'} of {shards['shard_count']}" if shards
                                else "as many shards as Discord recommends"))
    return lines


def run_bot(settings: Settings | None = None, services: Sequence[Service] = ()) -> None:
    settings = settings or load_settings()
    token = token_of(settings)  # before anything slow: a missing token fails at once
    configure_logging(settings)  # first: what bootstrap logs (which model answers, and why) is seen
    gov = bootstrap(settings, chain=FROM_SETTINGS, model=FROM_SETTINGS, output_limits=AI_OUTPUT)
    services = [*services, *web_services(gov, settings)]  # the wallet page, when configured
    try:
        for line in describe_setup(gov, settings):
            log.info(line)
        stopped = asyncio.run(serve(gov, token, settings, services))
        if stopped:
            log.info("stopped")
    except discord.LoginFailure:
        raise ConfigError(TOKEN_REJECTED) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(INTENTS_REFUSED) from None
    except (aiohttp.ClientError, discord.GatewayNotFound, OSError) as error:
        reason = f"Cannot reach Discord ({type(error).__name__}); check the network and try again."
        raise Unavailable(reason) from None
    finally:
        gov.shutdown(timeout=SHUTDOWN_SECONDS)  # the inference worker (and a model's child process)


def settle_heap() -> None:
    """For a long-running bot, once everything is loaded.

    What is loaded by now (torch, transformers, SQLAlchemy, discord.py: ~500,000 objects) lives as
    long as the process; freezing it spares every later full collection from walking it, and the
    young generation is collected less often. Measured with benchmarks/interactions.py, event-loop
    pauses during a burst of 200 clicks fell from ~300 ms to under 10 ms."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


async def serve(gov: Governance, token: str, settings: Settings, services: Sequence[Service] = ()) -> bool:
    """The bot (and `services` beside it) until Discord ends the session or a signal stops the
    process. True if a signal stopped it."""
    from bot.discord.client import FolkmootBot

    settle_heap()
    async with services_running(services):
        bot = FolkmootBot(gov, guild_ids=settings.discord_guild_ids, **shard_options(settings), **prepare(gov))
        try:
            return await until_stopped(bot.start(token), bot.close)
        finally:
            await bounded(bot.close(), "closing the Discord connection")

"""`folkmoot run` in a process of its own, pointed at a local Discord: tests send it signals.

Usage: python -m tests.e2e.bot_process API_URL GATEWAY_URL (settings from the environment)."""

from __future__ import annotations

import sys

import discord
import yarl

from bot.cli import main


def run(api_url: str, gateway_url: str) -> int:
    discord.http.Route.BASE = api_url  # as FakeDiscord.redirect does in the test's own process
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    return main(["run"])


if __name__ == "__main__":
    sys.exit(run(*sys.argv[1:3]))

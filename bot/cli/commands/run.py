"""`folkmoot run`: the Discord bot."""

from __future__ import annotations

from bot.cli.app import app


@app.command("run")
def run() -> None:
    """Connect the bot to Discord (needs FOLKMOOT_DISCORD_TOKEN) and serve slash commands."""
    from bot.discord.runner import run_bot  # imported late: `--help` stays instant

    run_bot()

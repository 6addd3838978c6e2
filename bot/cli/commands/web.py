"""`folkmoot web`: the wallet page (`folkmoot wallet link-url`, in wallet.py, prints a member's link to it)."""

from __future__ import annotations

from bot.cli.app import app


@app.command("web")
def web() -> None:
    """Serve the wallet page (FOLKMOOT_WEB_URL, FOLKMOOT_WEB_BIND, FOLKMOOT_WEB_SECRET); `folkmoot run` serves it
    beside the bot when those are set. Ballots are relayed by the bot's chain loop or `folkmoot chain relay`."""
    from bot.web.runner import run_web  # imported late: `--help` stays instant

    run_web()

"""`folkmoot web` (the wallet page) and `folkmoot wallet link-url` (a member's one-time link to it)."""

from __future__ import annotations

import typer

from bot.cli.app import app, governance, group, voter

wallet_app = group("Members' wallets: the one-time links to the wallet page.")
app.add_typer(wallet_app, name="wallet")


@app.command("web")
def web() -> None:
    """Serve the wallet page (FOLKMOOT_WEB_URL, FOLKMOOT_WEB_BIND, FOLKMOOT_WEB_SECRET); `folkmoot run` serves it
    beside the bot when those are set. Ballots are relayed by the bot's chain loop or `folkmoot chain relay`."""
    from bot.web.runner import run_web  # imported late: `--help` stays instant

    run_web()


@wallet_app.command("link-url")
def link_url(
    community: int = typer.Option(..., "--community", help="The community (Discord server id)."),
    member: str = typer.Option(..., "--as", help="Whose link: a Discord member id or a name."),
    proposal: int = typer.Option(None, "--proposal", help="A proposal to vote on; without it, the link page."),
) -> None:
    """Print a member's private one-time link to the wallet page (15 minutes, single use), as /wallet sends it."""
    typer.echo(governance().wallet_link_url(community, voter(member), proposal))

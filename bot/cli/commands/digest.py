"""`folkmoot digest`: a community's digest, printed in the terminal."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer
from rich.text import Text

from bot.cli.app import app, governance, governance_with_chain
from bot.cli.publisher import ConsolePublisher
from bot.cli.render import console


@app.command("digest")
def digest(
    community: int = typer.Option(..., "--community", help="The community (Discord server) id."),
    dry_run: bool = typer.Option(
        False, "--dry-run",
        help="Only show it: not recorded as sent, so the next digest still covers this period."),
    chart: Path = typer.Option(None, "--chart", help="Also save the tally chart (PNG) here."),
    chain: bool = typer.Option(False, "--chain",
                               help="Connect to the configured chain to show the ledger."),
) -> None:
    """Print the digest: what changed, open proposals with tallies and forecasts, recent results."""
    gov = governance_with_chain() if chain else governance()
    publisher = ConsolePublisher(write=lambda text: console.print(Text(text)), chart_path=chart)
    asyncio.run(gov.post_digest_now(community, publisher, record=not dry_run))
    if dry_run:
        console.print(Text("(dry run: not recorded as sent)", style="dim"))

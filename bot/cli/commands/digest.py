"""`folkmoot digest`: a community's digest, printed in the terminal."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer
from rich.text import Text

from bot.cli.app import AS_JSON, app, governance, governance_with_chain
from bot.cli.json_views import digest_json, dump
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
    as_json: bool = AS_JSON,
) -> None:
    """Print the digest: what changed, open proposals with tallies and forecasts, recent results."""
    gov = governance_with_chain() if chain else governance()
    write = (lambda text: None) if as_json else (lambda text: console.print(Text(text)))
    publisher = ConsolePublisher(write=write, chart_path=chart)
    posted = asyncio.run(gov.post_digest_now(community, publisher, record=not dry_run))
    if as_json:
        dump({**digest_json(posted), "recorded": not dry_run, "chart": str(chart) if chart else None})
    elif dry_run:
        console.print(Text("(dry run: not recorded as sent)", style="dim"))

"""`folkmoot community create|list`."""

from __future__ import annotations

import math

import typer

from bot.cli.app import community_app, governance, operator
from bot.cli.render import community_table, console
from governance.domain.durations import parse_duration
from governance.errors import InvalidInput


@community_app.command("create")
def create(
    community_id: int = typer.Argument(..., help="The Discord server (guild) id."),
    name: str = typer.Argument(..., help="A display name."),
    quorum: str = typer.Option("3", help="A voter count (25) or a share of eligible members (20%)."),
    threshold: float = typer.Option(50.0, help="Percent of For among For+Against needed to pass."),
    period: str = typer.Option("7d", help="Default voting period, e.g. 3d or 12h."),
) -> None:
    """Set up a community with its voting rules."""
    if not (math.isfinite(threshold) and 0 <= threshold < 100):
        raise InvalidInput("The threshold must be a percentage from 0 up to (not including) 100.")
    community = governance().setup_community(
        community_id, name, operator(), quorum=quorum, threshold_bps=round(threshold * 100),
        voting_period=parse_duration(period),
    )
    console.print(community_table([community]))


@community_app.command("list")
def list_communities() -> None:
    """Show every community and its rules."""
    console.print(community_table(governance().communities()))

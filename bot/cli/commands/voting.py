"""`folkmoot vote`, `folkmoot tally`, `folkmoot close`."""

from __future__ import annotations

import typer

from bot.cli.app import app, governance, voter
from bot.cli.render import console, tally_table
from governance.domain import VoteSource, parse_support


@app.command("vote")
def vote(
    proposal_id: int = typer.Argument(..., help="The proposal number."),
    choice: str = typer.Argument(..., help="for, against or abstain."),
    member: str = typer.Option(..., "--as", help="Who votes: a Discord member id or a name."),
    reason: str = typer.Option(None, "--reason", help="Optional, at most 500 characters."),
) -> None:
    """Cast or change a vote (the last vote counts until the deadline)."""
    support = parse_support(choice)
    receipt = governance().vote(proposal_id, voter(member), support, reason, VoteSource.CLI)
    verb = f"changed from {receipt.previous.label} to" if receipt.changed else "cast:"
    console.print(f"Vote on #{proposal_id} {verb} [bold]{support.label}[/].")


@app.command("tally")
def tally(proposal_id: int = typer.Argument(..., help="The proposal number.")) -> None:
    """Show the current count, quorum progress and standing."""
    console.print(tally_table(governance().tally(proposal_id)))


@app.command("close")
def close(proposal_id: int = typer.Argument(..., help="The proposal number.")) -> None:
    """Close voting after the deadline and record the outcome."""
    gov = governance()
    gov.close(proposal_id)
    console.print(tally_table(gov.tally(proposal_id)))

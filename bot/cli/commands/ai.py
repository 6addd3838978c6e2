"""`folkmoot draft`, `folkmoot summarize`, `folkmoot verify-ai`: the language model from the terminal."""

from __future__ import annotations

import typer
from rich.text import Text

from bot.cli.app import app, governance_with_ai, operator
from bot.cli.commands.proposals import default_community
from bot.cli.render import ai_panel, console, proposal_panel, verify_table

VERIFY_FAILED = 1


def _ai(chain: bool = False):
    gov = governance_with_ai(chain)
    console.print(Text(f"language model: {gov.ai_backend}", style="dim"))
    return gov


@app.command("draft")
def draft(
    idea: str = typer.Argument(..., help="The idea, in a few sentences (at most 4,000 characters)."),
    community: int = typer.Option(None, "--community", help="Community id (the only one by default)."),
    save: bool = typer.Option(False, "--save", help="Store the draft as a new proposal (revision 1)."),
    author: str = typer.Option("operator", "--as", help="Author name recorded with a saved draft."),
) -> None:
    """Draft a proposal from an idea with the language model; warns about similar proposals."""
    community_id = default_community(community)
    gov = _ai()
    report = gov.find_similar(community_id, idea)
    if report.warning:
        console.print(f"[yellow]{report.warning}[/]")
    result = gov.write_draft(idea)
    console.print(ai_panel(result.title, result.result))
    if save:
        proposal = gov.create_draft(community_id, operator(author), result.title, result.body,
                                    result.provenance_id)
        console.print(proposal_panel(proposal))


@app.command("summarize")
def summarize(proposal_id: int = typer.Argument(..., help="The proposal number.")) -> None:
    """Summarize a proposal: TL;DR, key points, amounts and recipients, risks, open questions."""
    gov = _ai()
    result = gov.summarize(gov.show(proposal_id))
    console.print(ai_panel(f"Summary of #{proposal_id}", result))


@app.command("verify-ai")
def verify_ai(provenance_id: int = typer.Argument(..., help="The AI output number (shown with it).")) -> None:
    """Check an AI output's provenance record: its hash, its batch's Merkle root, and the chain."""
    report = _ai(chain=True).verify_ai(provenance_id)
    console.print(verify_table(report))
    if report.failed:
        raise typer.Exit(VERIFY_FAILED)

"""`folkmoot governor check|attach|sync|list|show|tally|watch`: follow an existing on-chain Governor."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.cli.app import app
from bot.cli.governor_render import calls_table, findings_group
from bot.cli.render import console
from governance.errors import InvalidInput

governor_app = typer.Typer(help="Follow an existing on-chain Governor (OpenZeppelin 4.x/5).", no_args_is_help=True)
app.add_typer(governor_app, name="governor")


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


@governor_app.command("check")
def check(file: Path = typer.Option(..., "--file", help='A proposal: {"calls": [{"target","value","calldata"}], '
                                                         '"description": "..."}'),
          as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables.")) -> None:
    """Decode a proposal's calls and check its description against them (offline)."""
    from governance.adapters.governor.checking import check_proposal, parse_proposal

    try:
        raw = file.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {file}: {error.strerror or error}") from None
    calls, description = parse_proposal(raw)
    checked = check_proposal(calls, description)
    if as_json:
        _print_json(checked.as_dict())
        return
    console.print(f"Proposal id {checked.proposal_id}")
    console.print(calls_table(checked.calls))
    console.print(findings_group(checked.findings))

"""`folkmoot governor check|attach|sync|list|show|tally|watch`: follow an existing on-chain Governor."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.cli import governor_json as views
from bot.cli.app import app, group
from bot.cli.governor_render import (
    actions_table,
    calls_table,
    findings_group,
    info_table,
    proposal_group,
    proposals_table,
    tally_table,
)
from bot.cli.render import console, verify_table
from governance.domain.wording import plural
from governance.errors import InvalidInput

governor_app = group("Follow an existing on-chain Governor (OpenZeppelin 4.x/5).")
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


COMMUNITY = typer.Option(..., "--community", help="The community (Discord server) id.")
AS_JSON = typer.Option(False, "--json", help="Print JSON instead of tables.")


def _app():
    from bot.cli.app import governance_with_chain

    return governance_with_chain()


@governor_app.command("attach")
def attach(community: int = COMMUNITY,
           address: str = typer.Option(..., "--address", help="The Governor contract's address."),
           from_block: int = typer.Option(None, "--from-block", help="Index from this block (default: now)."),
           chain_id: int = typer.Option(None, "--chain-id", help="Refuse unless the node is on this chain."),
           as_json: bool = AS_JSON) -> None:
    """Connect a community to an existing Governor on the configured chain, after checking what it is."""
    from bot.cli.app import operator

    info = _app().attach_governor(community, operator(), address, from_block, chain_id)
    if as_json:
        _print_json(views.info_json(info))
        return
    console.print(f"Community {community} now follows this Governor:")
    console.print(info_table(info))


@governor_app.command("sync")
def sync(community: int = typer.Option(None, "--community", help="Only this community's Governor."),
         range_size: int = typer.Option(None, "--range-size", min=1, max=100_000, help="Blocks per log request."),
         as_json: bool = AS_JSON) -> None:
    """Index new Governor events (proposals, votes, queue, execute, cancel) up to the confirmed head."""
    results = _app().sync_governors(community, range_size=range_size)
    if as_json:
        _print_json({str(c): vars(r) for c, r in results.items()})
        return
    for c, r in results.items():
        console.print(f"community {c}: indexed to block {r.cursor} (head {r.head}) in {plural(r.ranges, 'range')}: "
                      f"{r.proposals} proposals, {r.votes} votes, {r.events} events"
                      + (f"; a reorg made {r.rolled_back} rows be read again" if r.rolled_back else ""))
    if not results:
        console.print("No community follows a Governor yet.")


@governor_app.command("list")
def list_proposals(community: int = COMMUNITY, limit: int = typer.Option(25, min=1, max=200),
                   as_json: bool = AS_JSON) -> None:
    """The community's Governor proposals, newest first, with state and voting window."""
    proposals = _app().governor_proposals(community, limit)
    if as_json:
        _print_json([views.proposal_json(p) for p in proposals])
        return
    console.print(proposals_table(proposals))


@governor_app.command("show")
def show(proposal_id: str = typer.Argument(..., help="Its number in the community (3) or the Governor's id."),
         community: int = COMMUNITY, as_json: bool = AS_JSON) -> None:
    """A proposal: state, voting window, token-weighted tally, decoded calls and findings."""
    app = _app()
    proposal = app.governor_proposal(community, proposal_id)
    tally = app.governor_tally(community, proposal.proposal_id)
    if as_json:
        _print_json({**views.proposal_json(proposal, full=True), "tally": views.tally_json(tally)})
        return
    console.print(proposal_group(proposal, tally))


@governor_app.command("tally")
def tally(proposal_id: str = typer.Argument(..., help="Its number in the community (3) or the Governor's id."),
          community: int = COMMUNITY, as_json: bool = AS_JSON) -> None:
    """The token-weighted tally, quorum at the snapshot and turnout; checks the index against the chain."""
    app = _app()
    result = app.governor_tally(community, proposal_id)
    report = app.verify_proposal(app.find_proposal(community, proposal_id))
    if as_json:
        _print_json({**views.tally_json(result), "index_matches_chain": not report.failed,
                     "checks": [{"name": i.name, "check": i.check.value, "detail": i.detail} for i in report.items]})
        return
    console.print(tally_table(result))
    console.print(verify_table(report))


@governor_app.command("watch")
def watch(community: int = COMMUNITY, as_json: bool = AS_JSON) -> None:
    """The execution watchdog: what to queue, to execute, or expiring, with the exact call."""
    actions = _app().governor_watchdog(community)
    if as_json:
        _print_json([views.action_json(a) for a in actions])
        return
    console.print(actions_table(actions))

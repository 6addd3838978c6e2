"""`folkmoot vote`, `folkmoot tally`, `folkmoot close`."""

from __future__ import annotations

import typer

from bot.cli.app import AS_JSON, app, governance, governance_with_chain, voter
from bot.cli.failures import chain_unreachable
from bot.cli.json_views import dump, tally_json
from bot.cli.render import console, relay_lines, tally_table
from governance.config import load_settings
from governance.domain import VoteSource, parse_support
from governance.errors import Unavailable
from governance.ports import ChainUnavailable

QUEUED = ("The close is queued for the relayer: the bot's chain loop (`folkmoot run`) or `folkmoot chain relay` "
          "records it on-chain.")


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
def tally(proposal_id: int = typer.Argument(..., help="The proposal number."), as_json: bool = AS_JSON) -> None:
    """Show the current count, quorum progress and standing."""
    view = governance().tally(proposal_id)
    if as_json:
        dump(tally_json(view))
        return
    console.print(tally_table(view))


@app.command("close")
def close(proposal_id: int = typer.Argument(..., help="The proposal number.")) -> None:
    """Close voting after the deadline, record the outcome, and relay it when a chain node is configured."""
    chain = load_settings().chain
    # on a node, the close waits until the chain is read past the deadline (a late wallet ballot counts);
    # an embedded chain lives in the bot's process, which closes there
    gov = governance_with_chain() if chain == "rpc" else governance()
    gov.close(proposal_id)
    console.print(tally_table(gov.tally(proposal_id)))
    if chain == "embedded":  # a chain inside this process would vanish with it: the bot relays
        console.print(QUEUED)
    elif chain == "rpc":
        _relay_now()


def _relay_now() -> None:
    """The close is committed whatever happens here; a chain that fails leaves it queued."""
    try:
        gov = governance_with_chain()
        stats = gov.relay()
        lines = relay_lines(stats, 0)
    except ChainUnavailable as error:
        console.print(f"Not relayed yet: {chain_unreachable(error)}. {QUEUED}")
        return
    except Unavailable as busy:  # another relayer holds the lock: it relays the close
        console.print(f"Not relayed here: {busy}.")
        return
    for line in lines:
        console.print(line)
    if stats.blocked:
        console.print(QUEUED)

"""`folkmoot chain deploy|relay|status` and `folkmoot verify`."""

from __future__ import annotations

import time

import typer

from bot.cli.app import app, chain_app, governance_with_chain
from bot.cli.render import console, verify_table
from governance.errors import Unavailable
from governance.ports import ChainUnavailable

VERIFY_FAILED = 1


@chain_app.command("deploy")
def deploy(community: int = typer.Option(..., "--community", help="The community (Discord server) id.")) -> None:
    """Deploy the community's ledger contract (once; later calls show the existing one)."""
    gov = governance_with_chain()
    deployment = gov.deploy_ledger(community)
    console.print(f"Ledger of community {community}: {deployment.address} "
                  f"(chain {deployment.chain_id}, block {deployment.deployed_block}) on "
                  f"{gov.chain_description}.")


@chain_app.command("relay")
def relay(watch: bool = typer.Option(False, "--watch", help="Keep relaying until interrupted.")) -> None:
    """Send pending outbox records to the chain and read back signed ballots."""
    gov = governance_with_chain()
    delay = 1.0
    while True:
        try:
            stats = gov.relay()
            ballots = gov.read_signed_ballots()
            console.print(f"sent {stats.sent} transactions, confirmed {stats.confirmed} records, "
                          f"found {stats.reconciled} already on-chain, failed {stats.failed}, "
                          f"read {ballots} signed ballots" + (f"; waiting: {stats.blocked}" if stats.blocked else ""))
            delay = 1.0
        except ChainUnavailable as error:
            if not watch:
                raise Unavailable(f"The chain is unreachable: {error}") from None
            console.print(f"chain unreachable, retrying in {delay:.0f}s: {error}")
            delay = min(delay * 2, 30.0)
        if not watch:
            return
        time.sleep(delay)


@chain_app.command("status")
def status() -> None:
    """Show the outbox (pending, sent, confirmed, failed) and the deployed ledgers."""
    chain = governance_with_chain().chain_status()
    console.print(f"chain: {chain.description}; outbox: "
                  + ", ".join(f"{n} {s}" for s, n in sorted(chain.outbox.items())))
    for deployment in chain.deployments:
        console.print(f"community {deployment.community_id}: ledger {deployment.address} on chain "
                      f"{deployment.chain_id}")


@app.command("verify")
def verify(proposal_id: int = typer.Argument(..., help="The proposal number.")) -> int:
    """Recompute every hash and compare the database with the chain, item by item."""
    report = governance_with_chain().verify(proposal_id)
    console.print(verify_table(report))
    if report.failed:
        raise typer.Exit(VERIFY_FAILED)
    return 0

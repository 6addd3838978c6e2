"""`folkmoot chain deploy|relay|status` and `folkmoot verify`."""

from __future__ import annotations

import time

import typer

from bot.cli.app import app, chain_app, governance_with_chain
from bot.cli.render import console, verify_table
from governance.errors import Unavailable

VERIFY_FAILED = 1


def _runtime():
    gov = governance_with_chain()
    if gov.chain is None:
        raise Unavailable("No chain is configured (FOLKMOOT_CHAIN=off).")
    return gov, gov.chain


@chain_app.command("deploy")
def deploy(community: int = typer.Option(..., "--community", help="The community (Discord server) id.")) -> None:
    """Deploy the community's ledger contract (once; later calls show the existing one)."""
    from governance.adapters.chain.relayer import RelayStats

    gov, chain = _runtime()
    gov.community(community)  # a clear error for an unknown community
    deployment = chain.relayer.ensure_deployment(community, RelayStats())
    console.print(f"Ledger of community {community}: {deployment.address} "
                  f"(chain {deployment.chain_id}, block {deployment.deployed_block}) on {chain.describe()}.")


@chain_app.command("relay")
def relay(watch: bool = typer.Option(False, "--watch", help="Keep relaying until interrupted.")) -> None:
    """Send pending outbox records to the chain and read back signed ballots."""
    from governance.adapters.chain.errors import ChainUnavailable

    _, chain = _runtime()
    delay = 1.0
    while True:
        try:
            stats = chain.relayer.relay()
            ballots = chain.indexer.poll()
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
    _, chain = _runtime()
    counts = chain.relayer.store.outbox_counts()
    console.print(f"chain: {chain.describe()}; outbox: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    for deployment in chain.relayer.store.deployments():
        console.print(f"community {deployment.community_id}: ledger {deployment.address} on chain {deployment.chain_id}")


@app.command("verify")
def verify(proposal_id: int = typer.Argument(..., help="The proposal number.")) -> int:
    """Recompute every hash and compare the database with the chain, item by item."""
    report = governance_with_chain().verify(proposal_id)
    console.print(verify_table(report))
    if report.failed:
        raise typer.Exit(VERIFY_FAILED)
    return 0

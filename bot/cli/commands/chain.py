"""`folkmoot chain deploy|relay|status` and `folkmoot verify`."""

from __future__ import annotations

import signal
import threading
import time
from datetime import datetime

import typer

from bot.cli.app import AS_JSON, app, chain_app, governance_with_chain
from bot.cli.failures import chain_unreachable
from bot.cli.json_views import chain_status_json, dump, verify_json
from bot.cli.render import console, relay_lines, verify_table
from governance.application.chain import RELAYER_BUSY
from governance.domain.wording import plural
from governance.errors import Unavailable
from governance.ports import ChainUnavailable

VERIFY_FAILED = 1
VERIFY_PENDING = 3  # nothing fails, but some records are still on their way
HEARTBEAT_SECONDS = 600.0  # --watch says it is still there at most this often when nothing happens
MAX_BACKOFF = 30.0


@chain_app.command("deploy")
def deploy(community: int = typer.Option(..., "--community", help="The community (Discord server) id.")) -> None:
    """Deploy the community's ledger contract (once; later calls show the existing one)."""
    gov = governance_with_chain()
    deployment = gov.deploy_ledger(community)
    console.print(f"Ledger of community {community}: {deployment.address} "
                  f"(chain {deployment.chain_id}, block {deployment.deployed_block}) on "
                  f"{gov.chain_description}.")


def relay_once(gov, keep_lock: bool = False) -> list[str]:
    """One pass under the relayer's leader lock: send the outbox, read signed ballots back. Raises
    ChainUnavailable, or Unavailable while another relayer runs."""
    return relay_lines(*gov.relay_pass(keep_lock=keep_lock))


@chain_app.command("relay")
def relay(watch: bool = typer.Option(False, "--watch", help="Keep relaying until stopped (Ctrl-C or SIGTERM); "
                                                            "says something only when something happens.")) -> None:
    """Send pending outbox records to the chain and read back signed ballots."""
    gov = governance_with_chain()
    if not watch:
        try:
            lines = relay_once(gov)
        except ChainUnavailable as error:
            raise Unavailable(chain_unreachable(error)) from None
        for line in lines or ["Nothing to relay."]:
            console.print(line)
        return
    _watch(gov)


def _watch(gov) -> None:
    """Relays every second until SIGINT or SIGTERM. A pass cut short is safe: the relayer stores each
    transaction before sending it and resumes from there (it survives being killed at any step)."""
    in_main_thread = threading.current_thread() is threading.main_thread()  # signal handlers live there only
    if in_main_thread:
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # a service manager's stop, as Ctrl-C
    console.print(f"Relaying to {gov.chain_description} until stopped (Ctrl-C).")
    delay, trouble, last_said = 1.0, None, time.monotonic()
    try:
        while True:
            try:
                lines = relay_once(gov, keep_lock=True)
                delay = 1.0
                if trouble is not None:
                    lines.insert(0, "The chain answers again." if trouble != RELAYER_BUSY else
                                 "The other relayer stopped; relaying here now.")
                trouble = None
            except Unavailable as busy:  # another relayer leads: wait for it to go away
                lines = [] if str(busy) == trouble else [f"Waiting: {busy}."]
                trouble, delay = str(busy), MAX_BACKOFF / 6
            except ChainUnavailable as error:
                lines = [] if str(error) == trouble else [f"{chain_unreachable(error)}; retrying."]
                trouble, delay = str(error), min(delay * 2, MAX_BACKOFF)
            if not lines and time.monotonic() - last_said >= HEARTBEAT_SECONDS:
                lines = [f"Still relaying ({datetime.now():%H:%M}); nothing to send since the last message."]
            for line in lines:
                console.print(line)
                last_said = time.monotonic()
            time.sleep(delay)
    except KeyboardInterrupt:
        console.print("Stopped. A pass cut short resumes where it stopped at the next relay.")
    finally:
        gov.release_relay_lock()
        if in_main_thread:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


@chain_app.command("status")
def status(as_json: bool = AS_JSON) -> None:
    """Show the outbox (pending, sent, confirmed, failed) and the deployed ledgers."""
    chain = governance_with_chain().chain_status()
    if as_json:
        dump(chain_status_json(chain))
        return
    console.print(f"chain: {chain.description}; outbox: "
                  + (", ".join(f"{n} {s}" for s, n in sorted(chain.outbox.items())) or "empty"))
    for deployment in chain.deployments:
        console.print(f"community {deployment.community_id}: ledger {deployment.address} on chain "
                      f"{deployment.chain_id}")
    for record in chain.failed:
        console.print(f"failed #{record.id} {record.key}: {record.last_error or 'no reason kept'}", markup=False)
    if chain.failed:
        console.print("`folkmoot chain retry` sends failed records again once their cause is fixed; "
                      "`folkmoot verify N` shows what each means for its proposal.")


@chain_app.command("retry")
def retry(record: list[int] = typer.Option(None, "--record", help="Only this failed record (repeatable); "
                                                                   "all failed records without it.")) -> None:
    """Put records the chain refused back in the queue (after fixing the cause); the relayer sends them."""
    count = governance_with_chain().retry_failed(record or None)
    console.print(f"{plural(count, 'failed record')} queued again." if count else "No failed record to queue again.")


@app.command("verify")
def verify(proposal_id: int = typer.Argument(..., help="The proposal number."), as_json: bool = AS_JSON) -> int:
    """Recompute every hash and compare the database with the chain, item by item. Exit 0: all pass;
    1: something fails (the chain holds something else, or refused a record); 3: only records in flight."""
    report = governance_with_chain().verify(proposal_id)
    if as_json:
        dump(verify_json(report))
    else:
        console.print(verify_table(report))
    if report.failed:
        raise typer.Exit(VERIFY_FAILED)
    if not report.passed:
        raise typer.Exit(VERIFY_PENDING)
    return 0

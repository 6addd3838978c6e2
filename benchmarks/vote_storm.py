"""Vote storm: 10,000 members vote within seconds through the real service layer and database,
then the relayer puts every vote on-chain.

    .venv/bin/python -m benchmarks.vote_storm [--voters 10000] [--no-postgres] [--no-anvil]

The votes arrive as the bot receives them: concurrent coroutines on one event loop, each
awaiting `Governance.vote_async` (group commit through the VoteBatcher).

Baseline, measured in the same run: the same rows written by one bulk INSERT, the fastest the
database can take them; the storm's votes/s is reported as a ratio of that. On-chain: the
seconds from the last vote to the moment every vote is confirmed (target ≤ 30 s on anvil), and a
check that the chain holds exactly the database's tally.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, insert, text

from benchmarks.report import machine_load, print_table
from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.tables import VoteRow
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor, Support

GUILD = 77
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TARGET_SECONDS_ON_CHAIN = 30.0


def storm(gov, proposal_id: int, voters: int) -> tuple[float, int]:
    """Every member votes once, all at once; returns (seconds until the last receipt, accepted)."""
    async def everyone() -> int:
        receipts = await asyncio.gather(*(
            gov.vote_async(proposal_id, Actor(id=f"discord:{10_000_000 + n}"), Support(n % 3))
            for n in range(voters)), return_exceptions=True)
        return sum(1 for r in receipts if not isinstance(r, BaseException))

    gov.start_batching()
    started = time.perf_counter()
    accepted = asyncio.run(everyone())
    return time.perf_counter() - started, accepted


def bulk_insert_baseline(engine, proposal_id: int, voters: int, now: datetime) -> float:
    rows = [dict(proposal_id=proposal_id, voter=f"discord:{20_000_000 + n}", support=n % 3, cast_at=now,
                 changes=0, source="discord") for n in range(voters)]
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(insert(VoteRow), rows)
    return time.perf_counter() - started


def open_proposal(gov, clock):
    admin = Actor(id="discord:1", is_admin=True)
    gov.setup_community(GUILD, "Storm", admin, quorum="1")
    p = gov.create_draft(GUILD, admin, "Storm", "Everyone votes at once.")
    return gov.publish(p.id, admin, voting_period=timedelta(days=1))


def database_run(name: str, engine, voters: int, chain=None):
    clock = ManualClock(_chain_time(chain) if chain else datetime.now(UTC))
    gov = bootstrap(Settings(), engine=engine, clock=clock, chain=chain)
    proposal = open_proposal(gov, clock)
    seconds, accepted = storm(gov, proposal.id, voters)
    baseline = bulk_insert_baseline(engine, open_proposal_second(gov), voters, clock.now())
    return gov, proposal, clock, seconds, accepted, baseline


def open_proposal_second(gov) -> int:
    admin = Actor(id="discord:1", is_admin=True)
    return gov.create_draft(GUILD, admin, "Baseline", "Bulk insert target.").id


def _chain_time(chain) -> datetime:
    return datetime.fromtimestamp(chain.w3.eth.get_block("latest")["timestamp"] + 60, UTC)


def relay_all(gov, chain, clock) -> tuple[float, int]:
    if chain.embedded:
        chain.sync_time(int(clock.now().timestamp()))
    started = time.perf_counter()
    txs = 0
    while True:
        stats = gov.relay()
        txs += stats.sent
        if stats.sent == 0 and stats.blocked is None:
            break
    return time.perf_counter() - started, txs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-anvil", action="store_true")
    args = parser.parse_args()
    print(machine_load())
    rows, ok = [], True

    import tempfile
    from pathlib import Path
    folder = Path(tempfile.mkdtemp(prefix="folkmoot-storm-"))
    backends = [("SQLite", lambda: make_engine(f"sqlite:///{folder / f'{uuid.uuid4().hex}.db'}"), None)]
    if not args.no_postgres:
        backends.append(("PostgreSQL", _postgres_engine, None))
    for name, make, _ in backends:
        engine = make()
        gov, proposal, clock, seconds, accepted, baseline = database_run(name, engine, args.voters)
        rows.append([f"{name}: {accepted:,} votes at once", f"{accepted / seconds:,.0f} votes/s ({seconds:.1f} s)",
                     f"bulk INSERT {args.voters / baseline:,.0f} rows/s",
                     f"{(accepted / seconds) / (args.voters / baseline):.3f}"])
        ok &= accepted == args.voters and gov.tally(proposal.id).tally.participants == args.voters

    for chain_name, connect in _chains(args.no_anvil):
        chain, close = connect()
        try:
            engine = make_engine(f"sqlite:///{folder / f'{uuid.uuid4().hex}.db'}")
            gov, proposal, clock, seconds, accepted, _ = database_run(chain_name, engine, args.voters, chain)
            relay_seconds, txs = relay_all(gov, chain, clock)
            on_chain = gov.ledger.proposal(GUILD, proposal.id).tally
            exact = on_chain == gov.tally(proposal.id).tally
            rows.append([f"on-chain, {chain_name}", f"{relay_seconds:.1f} s after the last vote",
                         f"{txs} transactions", "tally exact" if exact else "TALLY MISMATCH"])
            ok &= exact and (chain_name != "anvil" or relay_seconds <= TARGET_SECONDS_ON_CHAIN)
        finally:
            close()
    print_table("Vote storm", ["run", "measured", "baseline (same run)", "ratio"], rows)
    return 0 if ok else 1


def _postgres_engine():
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with create_engine(POSTGRES).begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    return make_engine(POSTGRES, connect_args={"options": f"-csearch_path={schema}"}, pool_size=10)


def _chains(no_anvil: bool):
    from governance.adapters.chain.connection import embedded_chain, rpc_chain
    yield "py-evm", lambda: (embedded_chain(), lambda: None)
    if no_anvil:
        return
    from tests.integration.chain.backends import anvil_chain, anvil_missing_reason
    if anvil_missing_reason() is None:
        def start():
            node = anvil_chain()
            return rpc_chain(node.w3.provider.endpoint_uri, ANVIL_KEY), node.close
        yield "anvil", start


ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

if __name__ == "__main__":
    raise SystemExit(main())

"""Verify at scale: `verify` of the 10,000-vote storm, its ballots read from the ledger's events in one
pass, beside the per-voter way (one `ballotOf` eth_call each) measured in the same run.

    .venv/bin/python -m benchmarks.verify_scale [--voters 10000]

The storm is cast through the service layer on SQLite and relayed to the embedded chain (py-evm), as
in benchmarks.vote_storm; then `verify` runs both ways and must pass both ways. Printed: seconds,
eth_calls and the ratio. No timing target: a run that passes verify both ways meets it."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.report import machine_load, print_table
from benchmarks.vote_storm import GUILD, database_run, relay_all
from governance.adapters.chain import reader as reader_module
from governance.adapters.chain.connection import embedded_chain
from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.migrate import upgrade


def counted_verify(gov, proposal_id: int) -> tuple[float, int, bool]:
    manager = gov.chain.connection.w3.manager
    original, calls = manager.request_blocking, []

    def counting(method, params, *args, **kwargs):
        calls.append(str(method))
        return original(method, params, *args, **kwargs)

    manager.request_blocking = counting
    try:
        started = time.perf_counter()
        report = gov.verify(proposal_id)
        return time.perf_counter() - started, calls.count("eth_call"), report.passed
    finally:
        manager.request_blocking = original


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=10_000)
    args = parser.parse_args()
    print(machine_load())
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'verify.db'}")
        upgrade(engine)
        chain = embedded_chain()
        gov, proposal, clock, _, accepted, _ = database_run("py-evm", engine, args.voters, chain)
        relay_all(gov, chain, clock)
        one_pass = counted_verify(gov, proposal.id)
        reader_module.REPLAY_FROM = 10**9  # every voter asked on their own
        per_voter = counted_verify(gov, proposal.id)
        engine.dispose()
    rows = [[way, f"{seconds:.2f} s", str(calls), "pass" if passed else "FAIL"]
            for way, (seconds, calls, passed) in (("one pass (events)", one_pass), ("per voter", per_voter))]
    print_table(f"verify of a {accepted:,}-vote proposal (community {GUILD}, py-evm)",
                ["way", "time", "eth_calls", "verify"], rows)
    print(f"ratio: the one-pass verify takes {one_pass[0] / per_voter[0]:.3f}× the per-voter time "
          f"({per_voter[0] / one_pass[0]:.1f}× faster)")
    return 0 if one_pass[2] and per_voter[2] and accepted == args.voters else 1


if __name__ == "__main__":
    raise SystemExit(main())

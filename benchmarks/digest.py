"""Digest build time for a busy community: 1,000 open proposals and 100,000 votes.

    .venv/bin/python -m benchmarks.digest [--proposals 1000] [--votes 100000] [--repeats 7]
                                          [--no-postgres]

`build_digest` reads every open proposal's tally in one grouped query
(`uow.votes.tallies`). Baseline, measured in the same run on the same data: the
same digest built with one tally query per proposal. Medians over repeats;
target: under 1 s. The chart (20 bars) and the text are timed on their own row.
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from benchmarks.report import machine_load, median_seconds, print_table
from governance.adapters.chart import TallyBar, digest_chart, tally_chart
from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.migrate import upgrade
from governance.adapters.sql.tables import ProposalRow, RevisionRow, VoteRow
from governance.adapters.sql.unit_of_work import SqlUnitOfWork
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor
from governance.domain.text import content_hash
from governance.scheduler.digest_text import render_digest_text
from governance.services.digest import build_digest

GUILD = 88
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)
TARGET_SECONDS = 1.0


class PerProposalTallies(SqlUnitOfWork):
    """The naive digest: one tally query per open proposal."""

    def __enter__(self) -> PerProposalTallies:
        super().__enter__()
        votes = self.votes
        votes.tallies = lambda ids: {pid: votes.tally(pid) for pid in ids}
        return self


def seed(engine, proposals: int, votes: int) -> None:
    """Bulk rows: the benchmark measures reading them, not the use cases that write them."""
    gov = bootstrap(Settings(), engine=engine, clock=ManualClock(NOW - timedelta(days=3)),
                    migrate=False)
    gov.setup_community(GUILD, "Busy guild", Actor(id="cli:bench", is_admin=True), quorum="50")
    opened = NOW - timedelta(days=2)
    title = "Proposal {}"
    with engine.begin() as connection:
        connection.execute(insert(ProposalRow), [dict(
            community_id=GUILD, author="discord:7", state="active", created_at=opened,
            published_at=opened, deadline=NOW + timedelta(hours=1 + n % 200), quorum_required=50,
            threshold_bps=5000) for n in range(proposals)])
        ids = list(connection.execute(text("SELECT id FROM proposal ORDER BY id")).scalars())
        connection.execute(insert(RevisionRow), [dict(
            proposal_id=pid, number=1, title=title.format(pid), body="Details.", author="discord:7",
            content_hash=content_hash(title.format(pid), "Details."), created_at=opened)
            for pid in ids])
        connection.execute(insert(VoteRow), [dict(
            proposal_id=pid, voter=f"discord:{10_000 + n}", support=n % 3, cast_at=opened,
            changes=0, source="discord") for pid in ids for n in range(votes // proposals)])


def measure(name: str, engine, repeats: int) -> list[list[str]]:
    clock, since = ManualClock(NOW), NOW - timedelta(days=7)

    def build(uow_class):
        return build_digest(uow_class(engine), clock, None, GUILD, since)

    grouped = median_seconds(lambda: build(SqlUnitOfWork), repeats)
    naive = median_seconds(lambda: build(PerProposalTallies), repeats)
    digest = build(SqlUnitOfWork)
    chart = median_seconds(lambda: digest_chart(digest), max(3, repeats // 2))
    rendered = median_seconds(lambda: render_digest_text(digest), repeats)
    return [
        [f"{name} build_digest", f"{grouped * 1000:,.0f} ms",
         f"per-proposal {naive * 1000:,.0f} ms", f"{naive / grouped:.1f}× faster",
         "yes" if grouped < TARGET_SECONDS else "NO"],
        [f"{name} chart + text", f"{chart * 1000:,.0f} ms + {rendered * 1e6:,.0f} µs", "", "", ""],
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=1_000)
    parser.add_argument("--votes", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(machine_load())
    tally_chart([TallyBar("warm-up", 1, 0, 0, 1)])  # matplotlib's first import is start-up cost
    rows, ok = [], True
    with tempfile.TemporaryDirectory(prefix="folkmoot-digest-") as folder:
        sqlite_url = f"sqlite:///{Path(folder) / 'digest.db'}"
        backends = [("SQLite", lambda: (make_engine(sqlite_url), None))]
        if not args.no_postgres:
            backends.append(("PostgreSQL", _postgres))
        for name, make in backends:
            engine, drop = make()
            try:
                upgrade(engine)
                seed(engine, args.proposals, args.votes)
                measured = measure(name, engine, args.repeats)
                ok &= measured[0][-1] == "yes"
                rows += measured
            finally:
                engine.dispose()
                if drop:
                    drop()
    print_table(f"Digest: {args.proposals:,} open proposals, {args.votes:,} votes "
                f"(median of {args.repeats})",
                ["run", "measured", "baseline (same run)", "ratio", f"< {TARGET_SECONDS:g} s"],
                rows)
    return 0 if ok else 1


def _postgres():
    """A private schema, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return make_engine(POSTGRES, connect_args={"options": f"-csearch_path={schema}"}), drop


if __name__ == "__main__":
    raise SystemExit(main())

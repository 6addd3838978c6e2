"""A scripted governance round on a fresh temporary database, printed step by step.

It runs on embedded defaults only (SQLite in a temporary folder, a manual clock),
so it needs no network, no token and no configuration.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bot.cli.render import console, proposal_panel, tally_table
from governance.adapters.sql.engine import make_engine
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor, Support
from governance.errors import GovernanceError

GUILD_ID = 1_100_000_000_000_000_001
VOTER_ROLE = 1_100_000_000_000_000_100
START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)

DRAFT_TITLE = "Fund a community garden on the east lot"
DRAFT_BODY = """\
## Summary
Turn the unused east lot into a shared vegetable garden run by volunteers.

## Motivation
Members asked for an outdoor project that anyone can join.

## Specification
Twelve raised beds, a tool shed and a rain-water tank, built over two weekends."""
REVISED_BODY = DRAFT_BODY + """

## Budget
1,800 USDC from the community treasury: 1,100 for beds and soil, 500 for the shed, 200 for the tank.

## Timeline
Build in March; first planting in April."""

# 25 members: who votes what first, then three change their minds.
FIRST_VOTES = [Support.FOR] * 13 + [Support.AGAINST] * 8 + [Support.ABSTAIN] * 4
CHANGES = {3: Support.AGAINST, 15: Support.FOR, 16: Support.FOR}


def member(n: int) -> Actor:
    return Actor(id=f"discord:{1_200_000_000_000_000_000 + n}", role_ids=frozenset({VOTER_ROLE}))


def step(title: str) -> None:
    console.print()
    console.print(Rule(Text(title, style="bold"), align="left"))


def run_demo(keep: bool = False) -> None:
    folder = Path(tempfile.mkdtemp(prefix="folkmoot-demo-"))
    engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
    clock = ManualClock(START)
    gov = bootstrap(Settings(database_url=str(engine.url)), engine=engine, clock=clock)
    admin = Actor(id="discord:1200000000000000999", is_admin=True)
    alice = member(0)

    step("1. A community sets its rules")
    community = gov.setup_community(
        GUILD_ID, "Riverside Commons", admin, quorum="40%", threshold_bps=5000,
        voting_period=timedelta(days=3), eligible_role_id=VOTER_ROLE,
    )
    console.print(f"Quorum {community.quorum.describe()}, pass threshold more than "
                  f"{community.threshold_bps / 100:g}% For, voting period {community.voting_period.days} days.")

    step("2. Alice drafts a proposal, then revises it with a budget")
    proposal = gov.create_draft(GUILD_ID, alice, DRAFT_TITLE, DRAFT_BODY)
    clock.advance(timedelta(hours=20))
    proposal = gov.revise(proposal.id, alice, body=REVISED_BODY)
    console.print(proposal_panel(proposal, full=True))

    step("3. Published: voting opens for 25 eligible members")
    clock.advance(timedelta(hours=4))
    proposal = gov.publish(proposal.id, alice, eligible_count=len(FIRST_VOTES))
    console.print(f"Voting open until {proposal.deadline:%Y-%m-%d %H:%M} UTC; "
                  f"quorum is {proposal.quorum_required} voters.")

    step("4. Members vote; three change their minds")
    for n, support in enumerate(FIRST_VOTES):
        clock.advance(timedelta(minutes=7))
        gov.vote(proposal.id, member(n), support)
    changes = Table("member", "from", "to", title="Changed votes", title_justify="left")
    for n, support in CHANGES.items():
        clock.advance(timedelta(hours=1))
        receipt = gov.vote(proposal.id, member(n), support, reason="Changed my mind after the Q&A.")
        changes.add_row(f"member {n}", receipt.previous.label, support.label)
    console.print(changes)
    console.print(tally_table(gov.tally(proposal.id)))

    step("5. Rules hold: an outsider and a late vote are refused")
    outsider = Actor(id="discord:1300000000000000000")
    for who, label in ((outsider, "member without the voter role"), (member(5), "vote after the deadline")):
        if label.startswith("vote after"):
            clock.set(proposal.deadline + timedelta(minutes=1))
        try:
            gov.vote(proposal.id, who, Support.FOR)
            console.print(f"[red]{label}: accepted (this is a bug)[/]")
        except GovernanceError as refused:
            console.print(f"{label}: refused — ", Text(str(refused)))

    step("6. Voting closes; the outcome is decided by the rules")
    result = gov.close(proposal.id)
    console.print(tally_table(gov.tally(proposal.id)))
    console.print(Text(f"Proposal #{proposal.id} {result.outcome.label.upper()}", style="bold green"))
    with gov.uow() as uow:
        waiting = len(uow.outbox.pending(limit=10_000))
    console.print(f"{waiting} records are queued in the outbox for the chain.")

    if keep:
        console.print(f"\nDatabase kept at {folder / 'demo.db'}")
    else:
        engine.dispose()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()

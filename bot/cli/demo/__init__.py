"""A scripted governance round on a fresh temporary database, printed step by step.

It runs on embedded defaults only (SQLite in a temporary folder, an in-process py-evm chain whose
clock follows the demo's manual clock), so it needs no network, no token and no configuration.
Besides the members, it plays parties outside folkmoot: a wallet holder with a stranger who
relays her signed ballot (governance.bootstrap.chain_sandbox), someone who edits the database
behind the bot's back (plain sqlite3 on the file), and a DAO voting in its own OpenZeppelin
Governor, which folkmoot follows (governor.py).
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bot.cli.demo import story
from bot.cli.demo.governor import play_governor
from bot.cli.demo.wallet_page import vote_on_the_page
from bot.cli.publisher import ConsolePublisher
from bot.cli.render import ai_panel, console, proposal_panel, tally_table, verify_table
from bot.discord.limits import AI_OUTPUT
from governance.application import Governance
from governance.bootstrap import FROM_SETTINGS, bootstrap, chain_sandbox, demo_chain
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Support
from governance.errors import GovernanceError


def run(work) -> None:
    asyncio.run(work)


def step(title: str) -> None:
    console.print()
    console.print(Rule(Text(title, style="bold"), align="left"), width=min(console.width, 100))  # piped: 1,000


def run_demo(keep: bool = False) -> None:
    folder = Path(tempfile.mkdtemp(prefix="folkmoot-demo-"))
    database = folder / "demo.db"
    # a minute ahead of the embedded chain, which starts at the wall clock; the chain follows
    clock = ManualClock(datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=60))
    # the embedded chain, with a stand-in for the mainnet USDC the replayed DAO proposal pays in
    # the wallet page's links point at a local address: the demo serves its handlers in process, no browser
    settings = Settings(database_url=f"sqlite:///{database}", chain="embedded", chain_confirmations=0,
                        web_url="http://127.0.0.1:8080", web_secret=secrets.token_hex(32))
    gov = bootstrap(settings,
                    clock=clock, chain=demo_chain(story.STAND_IN_TOKENS), model=FROM_SETTINGS,
                    output_limits=AI_OUTPUT)
    try:
        play(gov, clock, database)
    finally:
        gov.shutdown()
        if keep:
            console.print(f"\nDatabase kept at {database}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def play(gov: Governance, clock: ManualClock, database: Path) -> None:
    scheduler = gov.scheduled_posts(ConsolePublisher(write=lambda line: console.print(Text(line))))
    outside = chain_sandbox(gov)
    step("1. A community sets its rules")
    community = gov.setup_community(
        story.GUILD_ID, "Riverside Commons", story.ADMIN, quorum="40%", threshold_bps=5000,
        voting_period=timedelta(days=3), eligible_role_id=story.VOTER_ROLE,
        digest_channel_id=story.DIGEST_CHANNEL,
    )
    console.print(f"Quorum {community.quorum.describe()}, passes with more than "
                  f"{community.threshold_bps / 100:g}% For, voting period {community.voting_period.days} days.")
    console.print(f"Chain: {gov.chain_description} — the demo's records vanish when it ends.")

    step("2. Alice has an idea; the language model drafts it")
    alice = story.member(0)
    console.print(f"Language model: {gov.ai_backend}.")
    console.print(Text(f"Idea: {story.IDEA}", style="italic"))
    drafted = gov.write_draft(story.IDEA)
    console.print(ai_panel(drafted.title, drafted.result))
    proposal = gov.create_draft(story.GUILD_ID, alice, drafted.title, drafted.body,
                                drafted.provenance_id)

    step("3. Alice revises the draft by hand, adding a budget")
    clock.advance(timedelta(hours=20))
    proposal = gov.revise(proposal.id, alice, title=story.DRAFT_TITLE, body=story.REVISED_BODY)
    summary = gov.summarize(proposal)
    gov.sync_chain()
    console.print(proposal_panel(proposal, full=True))
    console.print(ai_panel(f"Summary of #{proposal.id}", summary))
    console.print(f"Both revisions' hashes are on the ledger at {gov.ledger_location(story.GUILD_ID)}; "
                  "revision 1 also names the AI output that wrote it.")

    step(f"4. Published: voting opens for {story.ELIGIBLE} eligible members")
    clock.advance(timedelta(hours=4))
    proposal = gov.publish(proposal.id, alice, eligible_count=story.ELIGIBLE)
    gov.sync_chain()
    console.print(f"Voting open until {proposal.deadline:%Y-%m-%d %H:%M} UTC; "
                  f"quorum is {proposal.quorum_required} voters.")

    step("5. 25 members vote; three change their minds; one votes with a wallet signature")
    for n, support in enumerate(story.FIRST_VOTES):
        clock.advance(timedelta(minutes=7))
        gov.vote(proposal.id, story.member(n), support)
    changes = Table("member", "from", "to", "how", title="Changed votes", title_justify="left")
    for n, support in story.CHANGES.items():
        clock.advance(timedelta(hours=1))
        receipt = gov.vote(proposal.id, story.member(n), support, reason="Changed my mind after the Q&A.")
        changes.add_row(f"member {n}", receipt.previous.label, support.label, "Discord")
    holder = story.member(story.WALLET_VOTER)
    wallet = outside.new_wallet()
    gov.link_wallet(story.GUILD_ID, holder, wallet.address,
                    outside.link_signature(wallet, story.GUILD_ID, holder.id))
    gov.sync_chain()
    tx = outside.cast_signed_ballot(story.GUILD_ID, wallet, proposal.id, Support.FOR)
    gov.sync_chain()
    changes.add_row(f"member {story.WALLET_VOTER}", "Abstain", "For", f"EIP-712 ballot, tx {tx[:12]}…")
    page_voter = story.member(story.PAGE_VOTER)  # votes For again, on the wallet page: the tally stays
    link = gov.wallet_link_url(story.GUILD_ID, page_voter, proposal.id)
    key = asyncio.run(vote_on_the_page(gov, link, outside.page_signer(outside.new_wallet()), int(Support.FOR),
                                       "Signed in my own wallet."))
    gov.sync_chain()
    relayed = gov.outbox_record(key)
    changes.add_row(f"member {story.PAGE_VOTER}", "For", "For",
                    f"wallet page (SIWE + ballot), relayed gas-free, tx {relayed.tx_hash[:12]}…")
    console.print(changes)
    console.print(tally_table(gov.tally(proposal.id)))

    step("6. A second proposal opens, and the scheduler reminds members a day before the first ends")
    clock.set(proposal.deadline - timedelta(hours=23))
    second = gov.create_draft(story.GUILD_ID, story.member(1), story.SECOND_TITLE, story.SECOND_BODY)
    second = gov.publish(second.id, story.member(1), eligible_count=story.ELIGIBLE)
    for n, support in enumerate(story.SECOND_VOTES):
        gov.vote(second.id, story.member(n), support)
    run(scheduler.run_due())

    step("7. Rules hold: an outsider and a late vote are refused")
    for who, label in ((story.OUTSIDER, "member without the voter role"), (story.member(5), "vote after the deadline")):
        if label.startswith("vote after"):
            clock.set(proposal.deadline + timedelta(minutes=1))
        try:
            gov.vote(proposal.id, who, Support.FOR)
            console.print(f"[red]{label}: accepted (this is a bug)[/]")
        except GovernanceError as refused:
            console.print(f"{label}: refused — ", Text(str(refused)))

    step("8. At the deadline the scheduler closes the vote and announces the outcome, on-chain too")
    run(scheduler.run_due())
    gov.sync_chain()
    console.print(tally_table(gov.tally(proposal.id)))

    step("9. Anyone can check: verify compares the database with the chain, verify-ai the AI outputs")
    report = gov.verify(proposal.id)
    console.print(verify_table(report))

    gov.anchor_provenance(story.GUILD_ID)
    gov.sync_chain()
    for provenance_id in (drafted.provenance_id, summary.provenance_id):
        console.print(verify_table(gov.verify_ai(provenance_id)))

    step("10. Tampering is caught: one vote edited in the database behind the bot's back")
    voter = story.member(story.TAMPERED_VOTER).id
    original = _tamper(database, voter, int(Support.FOR))
    tampered = gov.verify(proposal.id)
    console.print(verify_table(tampered))
    _tamper(database, voter, original)  # put the row back: the chain still says what it was
    restored = gov.verify(proposal.id)
    console.print(f"Row restored from the chain's record; verify again: "
                  f"{'all checks pass' if restored.passed else 'FAILED'}.")
    if not (report.passed and tampered.failed and restored.passed):
        raise SystemExit("demo: verification did not behave as expected")

    step("11. The community's digest, as the scheduler posts it (the tally chart is attached in Discord)")
    run(gov.post_digest_now(story.GUILD_ID, scheduler.publisher))

    play_governor(gov, clock, scheduler, step)


def _tamper(database: Path, voter: str, support: int) -> int:
    """Sets the member's vote in the database file directly; returns what it was."""
    with closing(sqlite3.connect(database)) as connection, connection:
        (before,) = connection.execute("SELECT support FROM vote WHERE voter = ?", (voter,)).fetchone()
        connection.execute("UPDATE vote SET support = ? WHERE voter = ?", (support, voter))
    return before

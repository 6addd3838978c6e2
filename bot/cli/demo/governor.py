"""The demo's second half: a DAO that already votes on-chain with an OpenZeppelin Governor (token
holders outside folkmoot, played by governance.bootstrap.governor_sandbox), followed by folkmoot
in its Discord server: a real ENS proposal replayed byte for byte, announced with its decoded
calls, findings, token-weighted tally and quorum; the result and the watchdog's exact call; the
index verified against the Governor; an altered copy flagged before anyone votes."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from rich.text import Text

from bot.cli.demo import story
from bot.cli.governor_render import info_table
from bot.cli.render import console, verify_table
from governance.application import Governance
from governance.bootstrap import governor_sandbox
from governance.clock import ManualClock
from governance.domain.wording import plural
from governance.scheduler import ScheduledPosts

HERE = Path(__file__).parent


def play_governor(gov: Governance, clock: ManualClock, scheduler: ScheduledPosts, step) -> None:
    dao = governor_sandbox(gov)
    record = json.loads((HERE / story.REAL_PROPOSAL).read_text(encoding="utf-8"))
    calls = [(c["target"], int(c["value"]), bytes.fromhex(c["calldata"][2:])) for c in record["calls"]]

    step("12. A DAO that already votes on-chain follows its Governor in Discord (/config governor)")
    deployed = dao.deploy(story.DAO_WEIGHTS, story.DAO_TREASURY)
    gov.setup_community(story.DAO_GUILD_ID, "Riverside DAO", story.ADMIN)
    info = gov.attach_governor(story.DAO_GUILD_ID, story.ADMIN, deployed.governor, from_block=0,
                               channel_id=story.DAO_CHANNEL)
    console.print(info_table(info))
    weights = ", ".join(f"{w:,}" for w in story.DAO_WEIGHTS)
    console.print(f"Five members hold {weights} {info.token.symbol} and have delegated to themselves; "
                  f"the timelock holds {story.DAO_TREASURY:,} as the treasury.")

    step(f"13. A real proposal, byte for byte ({record['id']}); members vote with their weight")
    proposal_id = dao.propose(calls, record["description"])
    same = "the same id as on mainnet" if str(proposal_id) == record["onchain_proposal_id"] else "NOT the mainnet id"
    console.print(f"Proposed: id {proposal_id} ({same}).")
    dao.mine(2)  # the voting delay
    for holder, support, reason in story.DAO_VOTES:
        dao.vote(proposal_id, support, holder, reason)
    dao.mine(1)
    _follow(gov, clock)
    asyncio.run(scheduler.governor_pass())  # the announcement, as posted in the DAO's channel
    console.print("/why-zero (here by address: `folkmoot governor why-zero --address`), for the holder who has "
                  "not voted and for the treasury:")
    for address in (deployed.holders[-1], deployed.timelock):
        diagnosis = gov.why_zero(story.DAO_GUILD_ID, address=address, reference=1)
        console.print(Text(f"  {address}: {diagnosis.headline} {diagnosis.fix or ''}".rstrip()))

    step("14. Voting ends: the result and the execution watchdog's exact call, as replies")
    dao.mine(info.voting_period)
    _follow(gov, clock)
    asyncio.run(scheduler.governor_pass())
    report = gov.verify_proposal(gov.find_proposal(story.DAO_GUILD_ID, 1))
    console.print(verify_table(report))

    step("15. An altered copy (one amount changed in its calldata) is flagged before anyone votes")
    altered = list(calls)
    target, value, data = altered[story.ALTERED_CALL]
    altered[story.ALTERED_CALL] = (target, value, data[:-32] + story.ALTERED_AMOUNT.to_bytes(32, "big"))
    dao.propose(altered, record["description"], proposer=1)
    _follow(gov, clock)
    copy = gov.governor_proposal(story.DAO_GUILD_ID, 2)
    console.print(Text(f"#{copy.number} {copy.title}: {plural(len(copy.findings), 'finding')}"))
    for finding in copy.findings:
        console.print(Text(f"  {finding.severity.value.upper()}: {finding.message}"))
    if report.failed or not copy.findings:
        raise SystemExit("demo: following the Governor did not behave as expected")


def _follow(gov: Governance, clock: ManualClock) -> None:
    """Index what the chain holds (the bot's chain loop does this every second)."""
    gov.sync_governors(story.DAO_GUILD_ID)

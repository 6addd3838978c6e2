"""A server that follows a real OpenZeppelin Governor (on anvil), as members see it through the real
discord.py client: /config governor with good and bad addresses; each new proposal announced once
in the channel by the bot's own background tasks (its chain loop indexes, its scheduler posts),
even across a restart, with its AI summary, decoded calls, findings, state, window, token tally
and quorum; updates and the watchdog's exact call as replies; /proposal show|list, /tally,
/summarize, /verify and /vote on a Governor proposal."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from bot.discord.limits import AI_OUTPUT
from bot.discord.runner import prepare
from governance.adapters.llm.selection import BackendSelection
from governance.bootstrap import bootstrap
from governance.config import Settings
from tests.e2e.conftest import text_of
from tests.integration.chain.helpers import deploy
from tests.integration.governor import conftest as governor_fixtures
from tests.integration.governor.conftest import MANAGER, connection_to
from tests.integration.governor.dao import AGAINST, FOR, VOTING_DELAY, VOTING_PERIOD, transfer_call

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.anvil]
anvil, dao = governor_fixtures.anvil, governor_fixtures.dao  # a fresh anvil per test, a DAO on it
INDEXED_WITHIN = 20.0  # seconds for the bot's chain loop to index a block (it passes every second)
MODEL_TIMEOUT = 60.0  # the packaged sentence model answers in well under a second, unless the machine is busy
GRANT = "# Grant to the builder\n\nTransfer 1,000 FOLK from the treasury to {to} for the new docs site.\n"


def following_app(engine, chain, clock):
    """The app on the test database and anvil, with the real AI pipeline on its offline backend."""
    gov = bootstrap(Settings(chain_confirmations=0), engine=engine, clock=clock, migrate=False,
                    chain=connection_to(chain), governor_range=50,
                    model=BackendSelection(None, "extractive, for the test"), output_limits=AI_OUTPUT)
    gov.summarize_governor  # noqa: B018 - the part exists before the bot starts
    return gov


def at_chain_time(clock, chain) -> None:
    clock.set(datetime.fromtimestamp(chain.now(), UTC))


async def indexed(gov, guild_id: int, ready) -> None:
    """Waits for the bot's own chain loop to index what `ready(proposals)` looks for."""
    deadline = time.monotonic() + INDEXED_WITHIN
    while not ready(await asyncio.to_thread(gov.governor_proposals, guild_id)):
        assert time.monotonic() < deadline, "the bot's chain loop did not index the Governor"
        await asyncio.sleep(0.1)


def runtime_of(bot):
    scheduler = next(task for task in bot.get_cog("Background").tasks if hasattr(task, "posts"))
    assert scheduler.leading, "the only bot instance should lead the scheduler"
    return scheduler.posts


def announcements(server) -> list[dict]:
    return [m for m in server.public_posts("digest") if m["content"].startswith("📜 New proposal on the Governor")]


def replies_to(server, message: dict) -> list[dict]:
    """The posts the bot sent as replies to `message`, in order."""
    replied = [body["content"] for body in server.message_payloads()
               if int((body.get("message_reference") or {}).get("message_id", 0)) == int(message["id"])]
    return [m for m in server.public_posts("digest") if m["content"] in replied]


def proposal_with_votes(dao, anvil):
    grantee = anvil.accounts[7]
    calls = [transfer_call(dao, grantee, 1_000)]
    description = GRANT.format(to=grantee)
    pid = dao.propose(calls, description)
    dao.mine(VOTING_DELAY + 1)
    dao.vote(pid, FOR, 0)  # 400,000 FOLK
    dao.vote(pid, AGAINST, 1)  # 250,000 FOLK
    dao.mine(1)
    return pid, calls, description


async def test_each_new_proposal_is_announced_once_even_after_a_restart(bots, discord_server, guild, anvil, dao,
                                                                       sqlite_engine, clock):
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(guild.id, guild.name, MANAGER, digest_channel_id=guild.channels["digest"])
    gov.attach_governor(guild.id, MANAGER, dao.governor.address, from_block=0)
    bot = await bots.start(gov, **prepare(gov))
    pid, calls, description = proposal_with_votes(dao, anvil)
    await indexed(gov, guild.id, lambda found: any(p.proposal_id == str(pid) for p in found))
    at_chain_time(clock, anvil)
    runtime = runtime_of(bot)
    await runtime.run_due()
    await runtime.run_due()

    (posted,) = announcements(discord_server)
    text = text_of(posted)
    assert "#1 · Grant to the builder" in text and "Open for votes" in text
    assert "For **400K FOLK** · Against **250K FOLK** · Abstain **0 FOLK**" in text
    assert "400K FOLK of 40K FOLK at the snapshot — reached ✓" in text and "Turnout 65.0% of the voting power" in text
    assert f"transfer(to {anvil.accounts[7][:6]}…{anvil.accounts[7][-4:]}, amount 1,000 FOLK)" in text
    assert "Findings: none" in text and f"`{pid}`" in text and "/verify 1" in text
    assert "blocks" in text and "<t:" in text  # the window: dates and block numbers
    footer = posted["embeds"][0]["footer"]["text"]
    assert "Summary AI-generated" in footer and dao.governor.address in footer
    assert "1,000 FOLK" in posted["embeds"][0]["description"]  # the summary keeps the call's amount

    # a restart: the new process finds the announcement claimed and posts nothing again
    await bots.stop(bot)
    again = following_app(sqlite_engine, anvil, clock)
    bot = await bots.start(again, **prepare(again))
    await runtime_of(bot).run_due()
    assert len(announcements(discord_server)) == 1

    # voting ends: the result and the watchdog's exact call, as replies to the announcement
    dao.mine(VOTING_PERIOD)
    await indexed(again, guild.id, lambda found: found and found[0].state == "succeeded")
    at_chain_time(clock, anvil)
    await runtime_of(bot).run_due()
    await runtime_of(bot).run_due()
    replies = replies_to(discord_server, posted)  # (the weekly digest may post beside them: Monday 09:00)
    assert [m["content"].split(":", 1)[0] for m in replies] == ["🏁 #1 Grant to the builder", "⚙️ **#1 Grant to the "
                                                                                              "builder**"]
    assert "voting ended: passed — For 400K FOLK · Against 250K FOLK" in replies[0]["content"]
    watchdog = replies[1]["content"]
    assert "Call `queue(address[],uint256[],bytes[],bytes32)` on" in watchdog and dao.governor.address in watchdog
    assert "```\n0x160cbed7" in watchdog  # the calldata, ready for a wallet or a Safe
    for body in discord_server.message_payloads():
        assert body.get("allowed_mentions") == {"parse": []}


async def test_reading_a_governor_proposal_with_the_same_commands(bots, discord_server, guild, anvil, dao,
                                                                sqlite_engine, clock):
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(guild.id, guild.name, MANAGER)
    gov.attach_governor(guild.id, MANAGER, dao.governor.address, from_block=0)
    pid, _, _ = proposal_with_votes(dao, anvil)
    gov.sync_governors(guild.id)
    await bots.start(gov)
    member = guild.members["voter4"]
    slash = discord_server.members.slash

    suggested = await discord_server.members.autocomplete(member, "proposal show", "proposal", proposal="gra")
    assert [c["name"] for c in (await suggested.answered()) and suggested.choices] == [
        "#1 · Grant to the builder (open)"]
    shown = text_of(await (await slash(member, "proposal show", proposal=1)).reply())
    assert "#1 · Grant to the builder" in shown and "Transfer 1,000 FOLK from the treasury" in shown
    assert "Calls (1), decoded from the calldata" in shown and f"`{pid}`" in shown

    listed = await (await slash(member, "proposal list")).reply(timeout=MODEL_TIMEOUT)
    assert [f["name"] for f in listed["embeds"][0]["fields"]] == ["#1 · Grant to the builder"]
    assert "For **400K FOLK**" in text_of(listed)
    drafts = await (await slash(member, "proposal list", state="draft")).reply()
    assert "No Governor proposal here yet" in text_of(drafts)

    tally = text_of(await (await slash(member, "tally", proposal=1)).reply())
    assert "For: 400K FOLK" in tally and "Against: 250K FOLK" in tally and "Abstain: 0 FOLK" in tally
    assert "For 400,000 FOLK" in tally and "proposalVotes" in tally  # every digit, and who counted

    summary = await (await slash(member, "summarize", proposal=1)).reply(timeout=MODEL_TIMEOUT)
    said = text_of(summary)
    assert "Calls (1), decoded by folkmoot, not AI" in said and "amount 1,000 FOLK" in said
    assert "1,000 FOLK" in summary["embeds"][0]["description"]  # in the AI's fact list, as a fact of the source
    assert "AI-generated" in summary["embeds"][0]["footer"]["text"]

    verified = text_of(await (await slash(member, "verify", proposal=1)).reply())
    assert "All 4 items match" in verified and "hashProposal" in verified

    refused = await (await slash(member, "vote", proposal=1, choice=1)).reply()
    assert "Voting in the DAO's Governor from Discord is not available yet" in refused["content"]
    missing = await (await slash(member, "proposal show", proposal=7)).reply()
    assert missing["content"].startswith("This community's Governor has no proposal #7")


async def test_config_governor_attaches_or_says_why_not_in_one_line(bots, discord_server, guild, anvil, dao,
                                                                  sqlite_engine, clock):
    gov = following_app(sqlite_engine, anvil, clock)
    await bots.start(gov)
    admin = guild.members["admin"]
    w3, deployer = anvil.w3, anvil.accounts[0]
    plain = deploy(w3, "TestPlainToken", "Plain", "PLN", 6, deployer, 10**12, sender=deployer)
    for address, expected in [("0x1234", "not an address"), (anvil.accounts[5], "no contract at"),
                              (plain.address, "not a Governor")]:
        answer = await (await discord_server.members.slash(admin, "config", governor=address)).reply()
        assert expected in answer["content"] and "\n" not in answer["content"], answer["content"]
    stranger = await (await discord_server.members.slash(guild.members["voter1"], "config",
                                                         governor=dao.governor.address)).reply()
    assert stranger["content"] == "Only server managers can choose the Governor this server follows."
    assert not gov.follows_governor(guild.id)

    attached = await (await discord_server.members.slash(admin, "config", governor=dao.governor.address,
                                                         from_block=0, governor_channel="digest")).reply()
    text = text_of(attached)
    assert "Following Folk Test Governor" in text and dao.governor.address in text and "FOLK (18 decimals)" in text
    assert f"<#{guild.channels['digest']}>" in text
    assert gov.governor_info(guild.id).channel_id == guild.channels["digest"]
    lonely = await (await discord_server.members.slash(admin, "config", from_block=3)).reply()
    assert lonely["content"].startswith("from_block and governor_channel go with governor")


async def test_the_announcement_carries_vote_with_wallet_and_its_link(bots, discord_server, guild, anvil, dao,
                                                                      sqlite_engine, clock):
    gov = bootstrap(Settings(chain_confirmations=0, web_url="https://vote.example.org", web_secret="g" * 40),
                    engine=sqlite_engine, clock=clock, migrate=False, chain=connection_to(anvil), governor_range=50,
                    model=BackendSelection(None, "extractive, for the test"), output_limits=AI_OUTPUT)
    gov.setup_community(guild.id, guild.name, MANAGER, digest_channel_id=guild.channels["digest"])
    gov.attach_governor(guild.id, MANAGER, dao.governor.address, from_block=0)
    bot = await bots.start(gov, **prepare(gov))
    pid, _, _ = proposal_with_votes(dao, anvil)
    await indexed(gov, guild.id, lambda found: any(p.proposal_id == str(pid) for p in found))
    at_chain_time(clock, anvil)
    await runtime_of(bot).run_due()

    (posted,) = announcements(discord_server)
    labels = [c.get("label") for row in posted["components"] for c in row["components"]]
    assert labels == ["Vote with wallet"]
    member = guild.members["voter4"]
    answer = await (await discord_server.members.click(member, posted, posted["components"][0]["components"][0][
        "custom_id"])).reply()
    assert discord_server.is_ephemeral(answer) and "works once, for 15 minutes" in answer["content"]
    (url,) = [c["url"] for row in answer["components"] for c in row["components"] if c.get("url")]
    grant, _ = gov.open_wallet_link(url.rsplit("/", 1)[1])  # the page's vote link for Governor proposal #1
    assert (grant.proposal_id, grant.member) == (1, f"discord:{member.id}")

    voted = await (await discord_server.members.slash(member, "vote", proposal=1, choice=1)).reply()
    assert discord_server.is_ephemeral(voted) and "works once, for 15 minutes" in voted["content"]  # /vote: a link too

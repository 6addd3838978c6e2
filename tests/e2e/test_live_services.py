"""The bot wired as `folkmoot run` wires it (bot.discord.runner.prepare): the packaged MiniLM
assistant, the embedded chain with its background relayer, announcements in the database.
Members vote with buttons; the votes reach the chain; receipts gain their transaction."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

import pytest

from bot.discord.limits import AI_OUTPUT
from bot.discord.runner import prepare
from governance.adapters.chain.connection import embedded_chain
from governance.adapters.llm.selection import BackendSelection
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Tally
from tests.e2e.conftest import button, propose, publish, text_of

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
MODEL_TIMEOUT = 60.0  # the packaged sentence model answers in well under a second, unless the machine is busy


@pytest.fixture
def live_gov(sqlite_engine):
    chain = embedded_chain()
    clock = ManualClock(datetime.fromtimestamp(chain.w3.eth.get_block("latest")["timestamp"], UTC))
    gov = bootstrap(Settings(), engine=sqlite_engine, clock=clock, migrate=False, chain=chain,
                     model=BackendSelection(None, "extractive, for the test"), output_limits=AI_OUTPUT)
    gov.write_draft("Load the sentence model before the bot starts: a busy machine takes seconds.")
    return gov


async def wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await asyncio.to_thread(predicate):
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.1)


def edited_voter(member) -> str:
    return f"discord:{member.id}"


def all_confirmed(gov) -> bool:
    return set(gov.chain_status().outbox) <= {"confirmed"}


async def test_button_votes_reach_the_chain_and_receipts_show_the_transaction(bots, discord_server, guild,
                                                                              admin, live_gov):
    await bots.start(live_gov, **prepare(live_gov))
    configured = await discord_server.members.slash(admin, "config", eligible_role="Voters")
    await configured.reply()
    _, preview = await propose(discord_server, guild.members["voter1"],
                               "Plant fruit trees along the river path. Ten trees cost 400 USDC.",
                               timeout=MODEL_TIMEOUT)
    assert "produced without a language model" in text_of(preview)
    post = await publish(discord_server, guild.members["voter1"], preview)
    assert live_gov.announcement(1).message_id == int(post["id"])  # remembered across restarts

    voters = guild.voters(20)
    choices = ["for"] * 12 + ["against"] * 5 + ["abstain"] * 3
    clicks = await asyncio.gather(*(discord_server.members.click(m, post, button(post, c))
                                    for m, c in zip(voters, choices)))
    receipts = await asyncio.gather(*(click.reply() for click in clicks))
    assert all("being written on-chain" in r["content"] for r in receipts)
    for member, choice in ((voters[0], "against"), (voters[1], "abstain")):
        await (await discord_server.members.click(member, post, button(post, choice))).reply()

    await wait_until(lambda: all_confirmed(live_gov))
    expected = Tally(for_votes=10, against_votes=6, abstain_votes=4)
    assert live_gov.tally(1).tally == expected
    assert live_gov.ledger.proposal(guild.id, 1).tally == expected
    asked = await discord_server.members.slash(admin, "tally", proposal=1)
    on_chain = {f["name"]: f["value"] for f in (await asked.reply())["embeds"][0]["fields"]}["On-chain"]
    assert on_chain == "✅ The chain records the same count."

    edited = await clicks[5].reply(number=2, timeout=30)  # the receipt, edited once its vote is mined
    tx_hash = live_gov.outbox_record(f"vote:1:{edited_voter(voters[5])}:0").tx_hash
    assert f"Recorded on-chain in transaction `{tx_hash}`" in edited["content"]
    verified = await discord_server.members.slash(admin, "verify", proposal=1)
    shown = text_of(await verified.reply())
    assert re.search(r"All \d+ items match between the database and the chain", shown), shown
    assert "❌" not in shown


async def test_a_member_links_a_wallet_with_a_signed_message(bots, discord_server, guild, live_gov):
    from eth_account import Account
    from eth_account.messages import encode_defunct

    from governance.adapters.chain.wallet_proof import link_message

    await bots.start(live_gov, **prepare(live_gov))
    member = guild.members["voter3"]
    shown = await (await discord_server.members.slash(member, "wallet")).reply()
    assert "/wallet" in text_of(shown) and "Ballot(bytes32 proposalKey" in text_of(shown)

    wallet = Account.create()
    forged = Account.create()
    message = encode_defunct(text=link_message(guild.id, f"discord:{member.id}", wallet.address))
    wrong = Account.sign_message(message, forged.key).signature.to_0x_hex()
    refused = await (await discord_server.members.slash(member, "wallet", address=wallet.address,
                                                        signature=wrong)).reply()
    assert refused["content"].startswith("That signature does not prove control of the wallet")

    right = Account.sign_message(message, wallet.key).signature.to_0x_hex()
    linked = await (await discord_server.members.slash(member, "wallet", address=wallet.address,
                                                       signature=right)).reply()
    assert linked["content"].startswith("🔗 Wallet")
    again = await (await discord_server.members.slash(member, "wallet", address=wallet.address,
                                                      signature=right)).reply()
    assert again["content"] == "That wallet is already linked to a vote in this community."
    await wait_until(lambda: all_confirmed(live_gov))
    deployment = live_gov.chain.relayer.store.deployment(guild.id)
    ledger = live_gov.chain.connection.w3.eth.contract(address=deployment.address, abi=live_gov.chain.reader.abi)
    voter = live_gov.chain.relayer.store.voters(guild.id, [f"discord:{member.id}"])[f"discord:{member.id}"]
    assert ledger.functions.walletVoterIndex(wallet.address).call() == voter.voter_index


async def test_revising_without_a_model_keeps_the_draft_and_says_why(bots, discord_server, guild, live_gov):
    """The extractive backend cannot apply feedback: the member is told so, privately, in one line."""
    await bots.start(live_gov, **prepare(live_gov))
    author = guild.members["voter4"]
    _, preview = await propose(discord_server, author, "Repaint the clubhouse green. It is peeling.",
                               timeout=MODEL_TIMEOUT)
    pressed = await discord_server.members.click(author, preview, button(preview, "revise"))
    await pressed.answered()
    revised = await discord_server.members.submit(author, pressed, feedback="Budget: 800 EUR including tools")
    answer = await revised.reply(timeout=MODEL_TIMEOUT)
    assert discord_server.is_ephemeral(answer) and "\n" not in answer["content"]
    assert "The feedback could not be applied without a language model: Budget: 800 EUR including tools" \
        in answer["content"]
    assert len(live_gov.show(1).revisions) == 1

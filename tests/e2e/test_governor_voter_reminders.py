"""Reminders before a real OpenZeppelin Governor's vote ends (anvil, a timestamp clock), through the real
discord.py client: members link a wallet with /wallet and opt in with /reminders; the one with voting
power who has not voted gets a DM with their power, the one who delegated hears how the delegate
voted, the one who voted and the one without tokens get none; each once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.discord.runner import prepare
from tests.e2e.test_governor import following_app, runtime_of
from tests.e2e.test_why_zero import link_in_discord
from tests.integration.chain.helpers import send
from tests.integration.governor import conftest as governor_fixtures
from tests.integration.governor.conftest import MANAGER
from tests.integration.governor.dao import FOR, deploy_dao, transfer_call
from tests.integration.governor.wallets import wallet

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.anvil]
anvil = governor_fixtures.anvil


async def test_only_members_who_can_still_act_get_a_dm(bots, discord_server, guild, anvil, sqlite_engine, clock):
    timed = deploy_dao(anvil.w3, timestamp_clock=True, voting_delay=60, voting_period=2 * 86_400)
    h = timed.voters
    for holder, delegate in ((0, 0), (1, 1), (2, 0)):  # holder 3 delegates to holder 1
        send(timed.token.functions.delegate(h[delegate]), h[holder])
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(guild.id, guild.name, MANAGER, digest_channel_id=guild.channels["digest"])
    gov.attach_governor(guild.id, MANAGER, timed.governor.address, from_block=0)
    pid = timed.propose([transfer_call(timed, anvil.accounts[7], 10)], "# Two days\n\nPay 10 FOLK.")
    timed.wait(61)
    send(timed.governor.functions.castVote(pid, FOR), h[1])  # holder 2 votes
    gov.sync_governors(guild.id)
    bot = await bots.start(gov, **prepare(gov))
    members = {index: guild.members[f"voter{index}"] for index in (1, 2, 3, 8)}
    for index, member in members.items():
        await link_in_discord(discord_server, guild, member, index)
        await (await discord_server.members.slash(member, "reminders", direct_messages="on")).reply()

    proposal = gov.governor_proposal(guild.id, 1)
    clock.set(datetime.fromtimestamp(anvil.now(), UTC))
    await runtime_of(bot).run_due()  # announced
    clock.set(proposal.window.ends_at - timedelta(hours=23))
    await runtime_of(bot).run_due()
    await runtime_of(bot).run_due()  # once only

    [power] = discord_server.direct_messages(members[1])
    assert "ends in 24 hours and you have not voted" in power["content"]
    assert "500,000 FOLK of voting power at its snapshot" in power["content"]
    [delegated] = discord_server.direct_messages(members[3])
    assert f"Your 100,000 FOLK are delegated to {wallet(1).address.lower()}, who has not voted yet." in (
        delegated["content"])
    assert not discord_server.direct_messages(members[2]) and not discord_server.direct_messages(members[8])
    for body in discord_server.message_payloads():
        assert body.get("allowed_mentions") == {"parse": []}

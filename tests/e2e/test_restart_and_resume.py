"""Buttons outlive the process; a dropped gateway connection loses and repeats nothing."""

from __future__ import annotations

import asyncio

import pytest

from governance.domain import ProposalState, Tally
from tests.e2e.conftest import button, propose, publish

pytestmark = pytest.mark.e2e


async def test_buttons_work_after_the_bot_restarts(bots, discord_server, guild, gov):
    first = await bots.start()
    _, preview = await propose(discord_server, guild.members["voter1"], "Buy a projector for movie nights.")
    post = await publish(discord_server, guild.members["voter1"], preview)
    _, second_preview = await propose(discord_server, guild.members["voter2"], "Host a monthly potluck.")
    voted = await discord_server.members.click(guild.members["voter3"], post, button(post, "for"))
    await voted.reply()
    await bots.stop(first)

    second = await bots.start()  # a new client: nothing from the first one's memory
    assert second is not first and discord_server.gateway.identifies == 2
    again = await discord_server.members.click(guild.members["voter4"], post, button(post, "against"))
    assert "recorded: **Against**" in (await again.reply())["content"]
    changed = await discord_server.members.click(guild.members["voter3"], post, button(post, "abstain"))
    assert "changed from **For** to **Abstain**" in (await changed.reply())["content"]
    assert gov.tally(1).tally == Tally(against_votes=1, abstain_votes=1)

    await publish(discord_server, guild.members["voter2"], second_preview)  # a draft preview's button too
    assert gov.show(2).state is ProposalState.ACTIVE


async def test_a_dropped_connection_resumes_without_losing_or_repeating(bot, discord_server, guild, gov):
    _, preview = await propose(discord_server, guild.members["voter1"], "Open the library on Sundays.")
    post = await publish(discord_server, guild.members["voter1"], preview)
    members = guild.voters(24)
    click = discord_server.members.click

    before = [await click(m, post, button(post, "for")) for m in members[:4]]
    await discord_server.gateway.drop(abrupt=True)  # mid-session, maybe before those were read
    while_away = [await click(m, post, button(post, "against")) for m in members[4:12]]
    await asyncio.wait_for(discord_server.gateway.online.wait(), 10)
    after = [await click(m, post, button(post, "abstain")) for m in members[12:16]]
    await discord_server.gateway.drop()  # a clean close (code 4000) this time
    later = [await click(m, post, button(post, "for")) for m in members[16:20]]
    await asyncio.wait_for(discord_server.gateway.online.wait(), 10)
    await discord_server.gateway.ask_to_reconnect()  # op 7, with clicks racing it
    racing = [await click(m, post, button(post, "against")) for m in members[20:24]]

    every = before + while_away + after + later + racing
    await asyncio.gather(*(log.reply() for log in every))
    assert all(len(log.callbacks) == 1 and not log.refused_callbacks for log in every)
    assert all(len(log.visible) == 1 for log in every)  # one receipt each, no duplicates
    assert discord_server.gateway.identifies == 1 and discord_server.gateway.resumes == 3
    assert discord_server.gateway.replayed >= len(while_away) + len(later)  # delivered on resume
    assert gov.tally(1).tally == Tally(for_votes=8, against_votes=12, abstain_votes=4)
    await asyncio.sleep(0.2)  # nothing further arrives late
    assert all(len(log.callbacks) == 1 and len(log.visible) == 1 for log in every)

"""Reminder DMs reach members (#12: the local Discord had no member, user or DM endpoints, so the bot
read the 404 as "member left" and no DM was ever sent in the suite). Members who opted in with
/reminders and have not voted get one DM 24 hours before the deadline; a voter, an outsider without
the voter role, and a member who closed DMs get none; a closed DM and a reminder with nowhere to
post are one log line each, without a traceback."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.discord.runner import prepare
from governance.domain import Actor, Support
from tests.e2e.test_scheduled_posts import runtime_of

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def actor(member) -> Actor:
    return Actor(id=f"discord:{member.id}", role_ids=frozenset(member.role_ids))


async def opt_in(server, member) -> None:
    done = await server.members.slash(member, "reminders", direct_messages="on")
    await done.reply()


async def test_a_reminder_dm_arrives_for_those_who_opted_in_and_have_not_voted(bots, discord_server, guild, admin,
                                                                                 gov, clock, caplog):
    bot = await bots.start(gov, **prepare(gov))
    voters = guild.roles["Voters"]
    gov.configure(guild.id, Actor(id=f"discord:{admin.id}", is_admin=True), eligible_role_id=voters,
                  digest_channel_id=guild.channels["digest"])
    waiting, voted, closed = guild.members["voter1"], guild.members["voter2"], guild.members["voter3"]
    outsider = guild.members["outsider"]
    for member in (waiting, voted, closed, outsider):
        await opt_in(discord_server, member)
    discord_server.closed_dms.add(closed.id)
    proposal = gov.publish(gov.create_draft(guild.id, actor(waiting), "Picnic tables", "Two tables.").id,
                           actor(waiting))
    gov.vote(proposal.id, actor(voted), Support.FOR)

    clock.set(proposal.deadline - timedelta(hours=23))
    with caplog.at_level(logging.WARNING):
        await runtime_of(bot).run_due()
        await runtime_of(bot).run_due()  # once only

    [dm] = discord_server.direct_messages(waiting)
    assert dm["content"].startswith(f'Voting on proposal #{proposal.id} "Picnic tables" ends in 24 hours')
    assert "guild_id" not in dm and not discord_server.direct_messages(voted)
    assert not discord_server.direct_messages(outsider) and not discord_server.direct_messages(closed)
    fetched = {call.path for call in discord_server.calls if call.method == "GET"}
    assert f"/guilds/{guild.id}/members/{waiting.id}" in fetched  # the member's roles, asked of Discord
    refused = [r for r in caplog.records if f"the reminder DM to member {closed.id} failed" in r.getMessage()]
    assert len(refused) == 1 and not refused[0].exc_info and "50007" in refused[0].getMessage()
    reminder = [m for m in discord_server.public_posts("digest") if m["content"].startswith("⏰")]
    assert len(reminder) == 1  # the channel reminder went to the digest channel (never announced)


async def test_nowhere_to_post_is_one_line_without_a_traceback(bots, discord_server, guild, admin, gov, clock,
                                                               caplog):
    bot = await bots.start(gov, **prepare(gov))
    author = guild.members["voter1"]
    gov.setup_community(guild.id, guild.name, Actor(id=f"discord:{admin.id}", is_admin=True))
    proposal = gov.publish(gov.create_draft(guild.id, actor(author), "Bench", "Paint it.").id, actor(author))
    clock.set(proposal.deadline - timedelta(hours=23))
    with caplog.at_level(logging.DEBUG):
        await runtime_of(bot).run_due()
    about = [r for r in caplog.records if f"reminder of proposal #{proposal.id}" in r.getMessage()]
    assert len(about) == 1 and about[0].levelno == logging.WARNING and not about[0].exc_info
    assert "skipped: nowhere to post" in about[0].getMessage()
    assert not any(r.exc_info for r in caplog.records if r.name.startswith("governance"))

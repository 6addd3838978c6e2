"""Nothing the bot sends can ping anyone; failures are one private line; bugs get an error id."""

from __future__ import annotations

import logging

import pytest

from bot.services import Draft, Summary
from governance.domain import Actor
from tests.e2e.conftest import button, propose, publish, text_of
from tests.e2e.stand_ins import StandInAssistant, stand_in_services

pytestmark = pytest.mark.e2e

PINGS = "@everyone @here <@&{role}> <@{user}>"


class MentioningAssistant(StandInAssistant):
    """A model gone wrong: every output tries to ping the whole server."""

    def __init__(self, governance, pings: str):
        super().__init__(governance)
        self.pings = pings

    async def draft(self, idea: str) -> Draft:
        return Draft(title=f"Free pizza {self.pings}", body=f"## Summary\n{self.pings} come vote!",
                     note=f"{self.pings}", model_label="test-model")

    async def summarize(self, proposal) -> Summary:
        return Summary(text=f"Summary {self.pings}", provenance="test-model")


class BrokenAssistant(StandInAssistant):
    async def summarize(self, proposal) -> Summary:
        raise RuntimeError("the model fell over")


async def test_generated_mentions_ping_nobody(bots, discord_server, guild, gov):
    pings = PINGS.format(role=guild.roles["Voters"], user=guild.members["admin"].id)
    services = stand_in_services(gov)
    services.assistant = MentioningAssistant(gov, pings)
    await bots.start(services)
    author = guild.members["voter1"]
    _, preview = await propose(discord_server, author, "Pizza for everyone at the next meeting.")
    assert "@everyone" in text_of(preview)  # shown as text…
    post = await publish(discord_server, author, preview)
    voted = await discord_server.members.click(guild.members["voter2"], post, button(post, "for"))
    await voted.reply()
    summary = await discord_server.members.slash(author, "summarize", proposal=1)
    assert "@here" in text_of(await summary.reply())

    payloads = discord_server.message_payloads()
    assert len(payloads) >= 5
    for payload in payloads:  # …but every message the bot sent or edited forbids all pings
        assert payload.get("allowed_mentions") == {"parse": []}, payload


async def test_domain_errors_are_one_private_line(bot, discord_server, guild, gov, admin):
    gov.setup_community(777, "Another server", admin_actor())
    gov.create_draft(777, admin_actor(), "Elsewhere", "Not this server's business.")
    for command, options, expected in [
        ("proposal show", {"proposal": 99}, "Proposal #99 does not exist."),
        ("tally", {"proposal": 1}, "Proposal #1 does not exist."),  # #1 belongs to another server
        ("config", {"quorum": "3"}, "Only server managers can change the community settings."),
        ("digest now", {}, "Only server managers can post the digest."),
    ]:
        asked = await discord_server.members.slash(guild.members["voter1"], command, **options)
        answer = await asked.reply()
        assert answer["content"] == expected and discord_server.is_ephemeral(answer), command


async def test_an_unexpected_error_is_logged_with_an_id_and_apologised_for(bots, discord_server, guild, gov,
                                                                           caplog):
    services = stand_in_services(gov)
    services.assistant = BrokenAssistant(gov)
    await bots.start(services)
    await propose(discord_server, guild.members["voter1"], "Start a chess club on Tuesdays.")
    with caplog.at_level(logging.ERROR, logger="folkmoot.bot"):
        asked = await discord_server.members.slash(guild.members["voter1"], "summarize", proposal=1)
        answer = await asked.reply()
    assert answer["content"].startswith("Sorry, something went wrong on our side (error `")
    assert discord_server.is_ephemeral(answer)
    error_id = answer["content"].split("`")[1]
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and logged[0].exc_info and "the model fell over" in str(logged[0].exc_info[1])


def admin_actor() -> Actor:
    return Actor(id="cli:operator", is_admin=True)

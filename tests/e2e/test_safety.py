"""Nothing the bot sends can ping anyone; failures are one private line; bugs get an error id."""

from __future__ import annotations

import logging

import pytest

from governance.ai.results import AiResult
from governance.domain import Actor
from governance.ports import ModelInfo
from tests.e2e.conftest import button, light_app, propose, publish, text_of
from tests.e2e.stand_ins import StandInAi, _record

pytestmark = pytest.mark.e2e

PINGS = "@everyone @here <@&{role}> <@{user}>"


def mentioning(pings: str) -> type[StandInAi]:
    """A model gone wrong: every output tries to ping the whole server."""

    class MentioningAi(StandInAi):
        def draft(self, idea: str) -> AiResult:
            return self._said("draft", idea, f"## Summary\n{pings} come vote!",
                              (("Title", f"Free pizza {pings}"), ("Summary", f"{pings} come vote!")), (pings,))

        def summarize(self, text: str, community_id: int | None = None, extra=()) -> AiResult:
            return self._said("summarize", text, f"Summary {pings}", (), ())

        def _said(self, task, source, text, sections, notes) -> AiResult:
            record = _record(task, source, text, ModelInfo("test", "test-model", "1"))
            return AiResult(task=task, text=text, sections=sections, flags=(), notes=notes,
                            without_language_model=False, provenance=record)

    return MentioningAi


class BrokenAi(StandInAi):
    def summarize(self, text: str, community_id: int | None = None, extra=()) -> AiResult:
        raise RuntimeError("the model fell over")


async def test_generated_mentions_ping_nobody(bots, discord_server, guild, sqlite_engine, clock):
    pings = PINGS.format(role=guild.roles["Voters"], user=guild.members["admin"].id)
    await bots.start(light_app(sqlite_engine, clock, ai=mentioning(pings)))
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


async def test_an_unexpected_error_is_logged_with_an_id_and_apologised_for(bots, discord_server, guild,
                                                                           sqlite_engine, clock, caplog):
    await bots.start(light_app(sqlite_engine, clock, ai=BrokenAi))
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

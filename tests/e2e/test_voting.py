"""Members vote with the buttons and /vote; receipts are private; /tally adds up."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from governance.domain import Tally
from governance.ports import OnChainProposal
from tests.e2e.conftest import button, light_app, propose, publish, text_of
from tests.fakes.chain import QuietChain

pytestmark = pytest.mark.e2e

NOT_ELIGIBLE = "You do not have the role that may vote in this community."


async def open_proposal(server, admin, author) -> dict:
    configured = await server.members.slash(admin, "config", eligible_role="Voters")
    await configured.reply()
    _, preview = await propose(server, author, "Repaint the clubhouse in green. It is peeling everywhere.")
    return await publish(server, author, preview)


def fields(message: dict) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message["embeds"][0]["fields"]}


async def test_twenty_members_vote_two_change_one_is_refused(bot, discord_server, guild, admin, gov):
    post = await open_proposal(discord_server, admin, guild.members["voter1"])
    voters = guild.voters(20)
    choices = ["for"] * 12 + ["against"] * 5 + ["abstain"] * 3
    clicks = await asyncio.gather(*(discord_server.members.click(m, post, button(post, c))
                                    for m, c in zip(voters, choices)))
    receipts = await asyncio.gather(*(click.reply() for click in clicks))
    for click, receipt, choice in zip(clicks, receipts, choices):
        assert click.callback == {"type": 5, "data": {"flags": 64}}  # acknowledged first, privately
        assert discord_server.is_ephemeral(receipt)
        assert receipt["content"].startswith("🗳️ Your vote on #1 is recorded: **" + choice.capitalize())

    changed = [await discord_server.members.click(voters[0], post, button(post, "against")),
               await discord_server.members.click(voters[1], post, button(post, "abstain"))]
    assert "changed from **For** to **Against**" in (await changed[0].reply())["content"]
    assert "changed from **For** to **Abstain**" in (await changed[1].reply())["content"]

    refused = await discord_server.members.click(guild.members["outsider"], post, button(post, "for"))
    answer = await refused.reply()
    assert answer["content"] == NOT_ELIGIBLE and discord_server.is_ephemeral(answer)

    assert gov.tally(1).tally == Tally(for_votes=10, against_votes=6, abstain_votes=4)
    asked = await discord_server.members.slash(admin, "tally", proposal=1)
    shown = await asked.reply()
    assert {k: fields(shown)[k] for k in ("For", "Against", "Abstain")} == {"For": "10", "Against": "6",
                                                                            "Abstain": "4"}
    assert "20 of 3 voters — reached ✓" in fields(shown)["Quorum"]
    assert "Passed if voting ended now" in fields(shown)["Standing"]
    assert "No chain configured" in fields(shown)["On-chain"]  # the chain's count goes here later
    every = clicks + changed + [refused, asked]
    assert all(len(log.callbacks) == 1 and not log.refused_callbacks for log in every)


async def test_vote_command_with_reason_and_autocomplete(bot, discord_server, guild, admin, gov):
    await open_proposal(discord_server, admin, guild.members["voter1"])
    suggested = await discord_server.members.autocomplete(guild.members["voter5"], "vote", "proposal",
                                                          proposal="clubh")
    assert [c["value"] for c in (await suggested.answered())["data"]["choices"]] == [1]
    assert suggested.choices[0]["name"].startswith("#1 · Repaint the clubhouse")

    voted = await discord_server.members.slash(guild.members["voter5"], "vote", proposal=1, choice=0,
                                              reason="Green clashes with the sign.")
    assert "recorded: **Against**" in (await voted.reply())["content"]
    assert gov.votes(1)[0].reason == "Green clashes with the sign."


async def test_votes_after_the_deadline_are_refused_with_one_line(bot, discord_server, guild, admin, clock):
    post = await open_proposal(discord_server, admin, guild.members["voter1"])
    clock.advance(timedelta(days=8))
    late = await discord_server.members.click(guild.members["voter2"], post, button(post, "for"))
    answer = await late.reply()
    assert answer["content"].startswith("Voting on proposal #1 ended at") and "\n" not in answer["content"]


class ConfirmingChain(QuietChain):
    """A chain that confirms each vote on the second look: the receipt then shows the transaction."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, str, int]] = []

    def vote_transaction(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        self.asked.append((proposal_id, voter, sequence))
        return "0x" + "ab" * 32 if len(self.asked) > 1 else None

    def proposal(self, community_id: int, proposal_id: int) -> OnChainProposal | None:
        return OnChainProposal("0x" + "00" * 32, 0, 3, 5000, None, Tally(for_votes=1))


async def test_the_receipt_gains_the_transaction_hash_once_on_chain(bots, discord_server, guild, admin,
                                                                   sqlite_engine, clock):
    chain = ConfirmingChain()
    await bots.start(light_app(sqlite_engine, clock, chain=chain))
    post = await open_proposal(discord_server, admin, guild.members["voter1"])
    voter = guild.members["voter7"]
    clicked = await discord_server.members.click(voter, post, button(post, "for"))
    first = await clicked.reply()
    assert "transaction will appear here" in first["content"]
    edited = await clicked.reply(2)
    assert edited["id"] == first["id"] and f"`0x{'ab' * 32}`" in edited["content"]
    assert chain.asked[-1] == (1, f"discord:{voter.id}", 0)
    asked = await discord_server.members.slash(voter, "tally", proposal=1)
    assert "The chain records the same count" in text_of(await asked.reply())


class SilentChain(QuietChain):
    """A chain that never confirms: the watcher gives up and the receipt says so."""


async def test_a_receipt_whose_vote_is_never_confirmed_stops_promising(bots, discord_server, guild, admin,
                                                                      sqlite_engine, clock):
    await bots.start(light_app(sqlite_engine, clock, chain=SilentChain()), receipt_give_up_seconds=0.2)
    post = await open_proposal(discord_server, admin, guild.members["voter1"])
    clicked = await discord_server.members.click(guild.members["voter8"], post, button(post, "for"))
    first = await clicked.reply()
    assert "transaction will appear here" in first["content"]
    edited = await clicked.reply(2)
    assert "transaction will appear here" not in edited["content"]
    assert edited["content"].endswith("Not confirmed on-chain yet; `/verify 1` will show it once it is.")

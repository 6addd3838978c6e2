"""Buttons that must not reach beyond their purpose: Discard only discards a draft, a vote button
only votes on its own server's proposal (issue 10, eligibility), through the real discord.py client."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from governance.domain import Actor, ProposalState
from tests.e2e.conftest import button, propose, publish

pytestmark = pytest.mark.e2e

IDEA = "Plant twelve fruit trees along the north fence. Budget: 500 EUR for wood and soil."
OTHER_GUILD = 4_242_424_242


async def test_discard_on_a_stale_preview_never_withdraws_a_published_proposal(bot, discord_server, guild, gov):
    author = guild.members["voter2"]
    _, preview = await propose(discord_server, author, IDEA)
    await publish(discord_server, author, preview)
    pressed = await discord_server.members.click(author, preview, button(preview, "discard"))
    answer = await pressed.reply()
    assert "cannot be discarded" in answer["content"]
    assert gov.show(1).state is ProposalState.ACTIVE


async def test_a_vote_button_never_votes_on_another_servers_proposal(bot, discord_server, guild, gov):
    elsewhere_admin = Actor(id="discord:5", is_admin=True)
    gov.setup_community(OTHER_GUILD, "Elsewhere", elsewhere_admin, quorum="1", voting_period=timedelta(days=3))
    foreign = gov.publish(gov.create_draft(OTHER_GUILD, elsewhere_admin, "Foreign", "text").id, elsewhere_admin)
    author = guild.members["voter1"]
    _, preview = await propose(discord_server, author, IDEA)
    post = await publish(discord_server, author, preview)
    forged = copy.deepcopy(post)
    for row in forged["components"]:
        for component in row["components"]:
            component["custom_id"] = component["custom_id"].replace(f":{post_number(post)}:", f":{foreign.id}:")
    clicked = await discord_server.members.click(guild.members["voter3"], forged,
                                                 f"folkmoot:vote:{foreign.id}:for")
    answer = await clicked.reply()
    assert "recorded" not in answer["content"] and discord_server.is_ephemeral(answer)
    assert gov.votes(foreign.id) == []


def post_number(post: dict) -> int:
    return int(button(post, "for").split(":")[2])


def link_off_chain(gov, guild_id: int, member_id: int, n: int) -> str:
    """A wallet link as /wallet records it (ownership proven), kept off-chain: no chain in this test."""
    from governance.services import chain_votes

    wallet = "0x" + f"{n:02x}" * 20
    chain_votes.link_wallet_record(gov.uow(), gov.clock, community_id=guild_id,
                                   actor=Actor(id=f"discord:{member_id}", is_admin=True), wallet=wallet,
                                   on_chain=False)
    return wallet


async def test_wallet_unlink_undoes_the_members_link(bot, discord_server, guild, admin, gov):
    await (await discord_server.members.slash(admin, "config", eligible_role="Voters")).reply()
    voter = guild.members["voter4"]
    link_off_chain(gov, guild.id, voter.id, 4)
    asked = await discord_server.members.slash(voter, "wallet-unlink")
    answer = await asked.reply()
    assert "unlinked" in answer["content"] and discord_server.is_ephemeral(answer)
    assert gov.linked_wallet(guild.id, f"discord:{voter.id}") is None
    again = await (await discord_server.members.slash(voter, "wallet-unlink")).reply()
    assert again["content"] == "You have no wallet linked in this server."


async def test_the_sweep_unlinks_members_who_lost_the_role_or_left(bot, discord_server, guild, admin, gov):
    import dataclasses

    await (await discord_server.members.slash(admin, "config", eligible_role="Voters")).reply()
    kept, demoted, gone = guild.members["voter1"], guild.members["voter2"], guild.members["voter3"]
    wallets = {m.id: link_off_chain(gov, guild.id, m.id, n) for n, m in enumerate((kept, demoted, gone), 1)}
    guild.members["voter2"] = dataclasses.replace(demoted, role_ids=())
    del guild.members["voter3"]
    unlinked = await bot.get_cog("WalletEligibility").sweep()
    assert sorted(unlinked) == sorted([wallets[demoted.id], wallets[gone.id]])
    assert gov.linked_wallets(guild.id) == {f"discord:{kept.id}": wallets[kept.id]}
    assert await bot.get_cog("WalletEligibility").sweep() == []

"""/propose → idea form → draft preview → Revise → Publish, as the proposer sees it."""

from __future__ import annotations

import pytest

from governance.domain import ProposalState
from tests.e2e.conftest import button, propose, publish, text_of

pytestmark = pytest.mark.e2e

IDEA = ("Let us turn the unused east lot into a community garden with twelve raised beds. "
        "Members asked for an outdoor project anyone can join.\nBudget: 500 EUR for wood and soil\n"
        "Timeline: two weekends in April")


async def test_propose_revise_publish(bot, discord_server, guild, gov):
    author = guild.members["voter1"]
    opened = await discord_server.members.slash(author, "propose")
    assert (await opened.answered())["type"] == 9  # the idea form, before anything is deferred
    assert opened.modal["components"], "the modal has a text input"

    submitted = await discord_server.members.submit(author, opened, idea=IDEA)
    assert (await submitted.answered()) == {"type": 5, "data": {"flags": 64}}  # deferred, privately
    preview = await submitted.reply()
    assert discord_server.is_ephemeral(preview)
    shown = text_of(preview)
    assert "Draft #1" in shown and "## Budget\n500 EUR for wood and soil" in shown
    assert "produced without a language model" in shown
    assert {button(preview, s) for s in ("publish", "revise", "discard")} == {
        "folkmoot:draft:1:publish", "folkmoot:draft:1:revise", "folkmoot:draft:1:discard"}

    pressed = await discord_server.members.click(author, preview, button(preview, "revise"))
    feedback_form = await pressed.answered()
    assert feedback_form["type"] == 9
    revised = await discord_server.members.submit(author, pressed, feedback="Budget: 800 EUR including tools")
    assert (await revised.answered())["type"] == 6  # the preview is updated in place
    updated = await revised.reply()
    assert updated["id"] == preview["id"] and "800 EUR including tools" in text_of(updated)
    assert "Revision 2" in text_of(updated)

    proposal_post = await publish(discord_server, author, updated)
    assert not discord_server.is_ephemeral(proposal_post)
    assert "#1 · " in text_of(proposal_post) and "Open for votes" in text_of(proposal_post)
    assert [button(proposal_post, s) for s in ("for", "against", "abstain")] == [
        "folkmoot:vote:1:for", "folkmoot:vote:1:against", "folkmoot:vote:1:abstain"]
    proposal = gov.show(1)
    assert proposal.state is ProposalState.ACTIVE and len(proposal.revisions) == 2
    posted = gov.announcement(1)  # where it was announced, remembered across restarts
    assert posted is not None and posted.message_id == int(proposal_post["id"])
    assert posted.channel_id == guild.channels["general"]
    final_preview = discord_server.message(preview["id"])
    assert final_preview["components"] == [] and "Published as #1" in final_preview["content"]


async def test_discard_withdraws_the_draft(bot, discord_server, guild, gov):
    author = guild.members["voter2"]
    _, preview = await propose(discord_server, author, IDEA)
    pressed = await discord_server.members.click(author, preview, button(preview, "discard"))
    after = await pressed.reply()
    assert "discarded" in after["content"] and after["components"] == []
    assert gov.show(1).state is ProposalState.WITHDRAWN


async def test_a_similar_proposal_is_pointed_out(bot, discord_server, guild):
    await propose(discord_server, guild.members["voter1"], IDEA)
    _, preview = await propose(discord_server, guild.members["voter2"], IDEA.replace("twelve", "ten"))
    assert "Similar proposals already exist" in text_of(preview) and "#1 · " in text_of(preview)


async def test_a_4000_character_idea_is_accepted(bot, discord_server, guild, gov):
    sentence = "We should plant fruit trees along the north fence for everyone to share. "
    idea = (sentence * 60)[:4000]
    assert len(idea) == 4000
    _, preview = await propose(discord_server, guild.members["voter3"], idea)
    description = preview["embeds"][0]["description"]
    assert len(description) <= 4096
    assert idea.strip()[:3000] in gov.show(1).latest.body  # stored whole, not cut to fit the embed


async def test_only_proposers_may_propose(bot, discord_server, guild, admin):
    configured = await discord_server.members.slash(admin, "config", proposer_role="Admins")
    await configured.reply()
    refused = await discord_server.members.slash(guild.members["voter4"], "propose")
    answer = await refused.answered()
    assert answer["type"] == 4 and answer["data"]["flags"] == 64
    assert answer["data"]["content"] == "You do not have the role that may make proposals in this community."

"""/proposal show and list, /summarize, /verify, /wallet, /config and /digest now, as members see them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.domain import QuorumKind
from tests.e2e.conftest import button, propose, publish, text_of

pytestmark = pytest.mark.e2e


async def published_proposal(server, guild, idea: str = "Build a bike shed by the gate. It keeps bikes dry."):
    _, preview = await propose(server, guild.members["voter1"], idea)
    post = await publish(server, guild.members["voter1"], preview)
    voted = await server.members.click(guild.members["voter2"], post, button(post, "for"))
    await voted.reply()
    return post


async def test_show_and_list_give_state_deadline_tally_and_quorum(bot, discord_server, guild):
    await published_proposal(discord_server, guild)
    await propose(discord_server, guild.members["voter3"], "Paint a mural on the north wall.")
    reader = guild.members["voter4"]
    shown = await (await discord_server.members.slash(reader, "proposal show", proposal=1)).reply()
    text = text_of(shown)
    assert "#1 · Build a bike shed by the gate" in text and "Open for votes" in text
    assert "Voting ends: <t:" in text and "For **1** · Against **0** · Abstain **0**" in text
    assert "1 of 3 voters — 2 more needed" in text

    listed = await (await discord_server.members.slash(guild.members["voter4"], "proposal list")).reply()
    names = [f["name"] for f in listed["embeds"][0]["fields"]]
    assert names == ["#2 · Paint a mural on the north wall", "#1 · Build a bike shed by the gate"]
    only_open = await (await discord_server.members.slash(guild.members["voter4"], "proposal list",
                                                          state="open")).reply()
    assert [f["name"] for f in only_open["embeds"][0]["fields"]] == ["#1 · Build a bike shed by the gate"]
    assert "1 of 3 voters" in text_of(only_open)


async def test_a_long_proposal_is_cut_at_a_sentence_with_the_full_text_attached(bot, discord_server, guild):
    idea = ("Extend the opening hours of the workshop on weekends. " * 80)[:4000]
    await propose(discord_server, guild.members["voter1"], idea)
    asked = await discord_server.members.slash(guild.members["voter1"], "proposal show", proposal=1)
    shown = await asked.reply()
    description = shown["embeds"][0]["description"]
    assert len(description) <= 4096 and description.endswith("weekends. … full text in the attached file")
    sent = next(c for c in discord_server.calls if c.path.endswith(f"/{asked.id}/{asked.token}/callback"))
    assert sent.files == ("proposal-1.md",)


async def test_summarize_verify_and_wallet(bot, discord_server, guild):
    await published_proposal(discord_server, guild)
    member = guild.members["voter5"]
    summary = await (await discord_server.members.slash(member, "summarize", proposal=1)).reply()
    assert "Build a bike shed by the gate." in text_of(summary)
    assert "produced without a language model" in summary["embeds"][0]["footer"]["text"]
    verified = await (await discord_server.members.slash(member, "verify", proposal=1)).reply()
    assert "No chain is configured" in text_of(verified)
    wallet = await (await discord_server.members.slash(member, "wallet")).reply()
    assert "Voting with a wallet" in text_of(wallet) and "/vote" in text_of(wallet)


async def test_config_changes_settings_and_shows_them(bot, discord_server, guild, admin, gov):
    shown = await (await discord_server.members.slash(admin, "config")).reply()
    assert "Use the options of /config" in text_of(shown)
    changed = await discord_server.members.slash(
        admin, "config", digest_channel="digest", digest_schedule="0 17 * * fri", voting_period="3d",
        quorum="20%", threshold=60.0, eligible_role="Voters", proposer_role="@everyone")
    text = text_of(await changed.reply())
    assert "Changed: digest channel, digest schedule, voting period, quorum, threshold, who may vote, " \
           "who may propose" in text
    community = gov.community(guild.id)
    assert community.digest_channel_id == guild.channels["digest"] and community.digest_cron == "0 17 * * fri"
    assert community.voting_period == timedelta(days=3) and community.threshold_bps == 6000
    assert community.quorum.kind is QuorumKind.SHARE and community.quorum.value == 2000
    assert community.eligible_role_id == guild.roles["Voters"] and community.proposer_role_id is None

    bad = await (await discord_server.members.slash(admin, "config", voting_period="forever")).reply()
    assert bad["content"] == "'forever' is not a duration; use e.g. 30m, 12h, 7d or 2w."
    suggested = await discord_server.members.autocomplete(admin, "config", "digest_schedule",
                                                          digest_schedule="fri")
    assert [c["value"] for c in (await suggested.answered())["data"]["choices"]] == ["0 17 * * fri"]


async def test_digest_now_posts_in_the_digest_channel(bot, discord_server, guild, admin):
    await published_proposal(discord_server, guild)
    await (await discord_server.members.slash(admin, "config", digest_channel="digest")).reply()
    confirmed = await (await discord_server.members.slash(admin, "digest now")).reply()
    assert "Digest posted" in confirmed["content"] and discord_server.is_ephemeral(confirmed)
    [post] = discord_server.public_posts("digest")
    assert "Open for votes" in text_of(post) and "Build a bike shed by the gate" in text_of(post)


async def test_digest_now_is_recorded_like_every_other_digest(bot, discord_server, guild, admin, sqlite_engine):
    """/digest now and `folkmoot digest` are one path: the run is recorded, so the next digest
    covers only what happened since this one."""
    from sqlalchemy import text

    await published_proposal(discord_server, guild)
    confirmed = await (await discord_server.members.slash(admin, "digest now")).reply()
    assert "Digest posted" in confirmed["content"]
    with sqlite_engine.connect() as connection:
        runs = connection.execute(text("SELECT kind, subject, status FROM schedule_run")).all()
    assert [tuple(run) for run in runs] == [("digest", "manual", "posted")]

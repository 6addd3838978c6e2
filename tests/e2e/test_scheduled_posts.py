"""The scheduler inside the running bot (as `folkmoot run` starts it): a reminder before the
deadline, the automatic close and its result, and the weekly digest with its chart — each
posted through the local Discord, once, with nobody pinged."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.discord.limits import AI_OUTPUT
from bot.discord.runner import prepare
from governance.adapters.llm.selection import BackendSelection
from governance.bootstrap import bootstrap
from governance.config import Settings
from governance.domain import Actor, ProposalState
from tests.e2e.conftest import button, propose, publish, text_of

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
MODEL_TIMEOUT = 60.0  # the packaged sentence model answers in well under a second, unless the machine is busy


@pytest.fixture
def live_gov(sqlite_engine, clock):
    gov = bootstrap(Settings(), engine=sqlite_engine, clock=clock, migrate=False,
                     model=BackendSelection(None, "extractive, for the test"), output_limits=AI_OUTPUT)
    gov.write_draft("Load the sentence model before the bot starts: a busy machine takes seconds.")
    return gov


def runtime_of(bot):
    scheduler = next(task for task in bot.get_cog("Background").tasks if hasattr(task, "posts"))
    assert scheduler.leading, "the only bot instance should lead the scheduler"
    return scheduler.posts


async def test_reminder_close_result_and_digest_are_posted_once(bots, discord_server, guild, admin,
                                                               live_gov, clock):
    bot = await bots.start(live_gov, **prepare(live_gov))
    live_gov.configure(guild.id, Actor(id="discord:1", is_admin=True),
                       digest_channel_id=guild.channels["digest"], quorum="2")
    author = guild.members["voter1"]
    _, preview = await propose(discord_server, author, "Buy two picnic tables for the park. @everyone come!",
                               timeout=MODEL_TIMEOUT)
    post = await publish(discord_server, author, preview)
    for member in guild.voters(3):
        await (await discord_server.members.click(member, post, button(post, "for"))).reply()
    deadline = live_gov.show(1).deadline
    clock.advance(timedelta(days=2))  # the second proposal is still open when the first closes
    _, other = await propose(discord_server, author, "Repair the fence by the pond.", timeout=MODEL_TIMEOUT)
    await publish(discord_server, author, other)
    runtime = runtime_of(bot)
    general = lambda: discord_server.public_posts("general")  # noqa: E731

    clock.set(deadline - timedelta(hours=23))
    before = len(general())
    await runtime.run_due()
    await runtime.run_due()  # a second pass (a retry, a restart) posts nothing more
    reminders = general()[before:]
    assert [m["content"][:30] for m in reminders] == ["⏰ Voting on **#1 Buy two picni"]
    sent = next(call.body for call in discord_server.calls
                if isinstance(call.body, dict) and call.body.get("content") == reminders[0]["content"])
    assert int(sent["message_reference"]["message_id"]) == int(post["id"])  # a reply to the proposal

    assert deadline.weekday() == 0 and deadline.hour == 9  # the weekly digest is due right now too
    clock.set(deadline + timedelta(minutes=1))
    await runtime.run_due()
    await runtime.run_due()
    assert live_gov.show(1).state is ProposalState.CLOSED
    results = [m for m in general() if m["content"].startswith("🏁 **#1")]
    assert len(results) == 1 and "**Passed** — For 3 · Against 0 · Abstain 0" in results[0]["content"]
    digests = discord_server.public_posts("digest")
    assert len(digests) == 1, [text_of(d)[:200] for d in digests]
    digest = text_of(digests[0])
    assert "#1" in digest and "passed" in digest.lower() and "#2" in digest and "/verify" in digest
    upload = next(call for call in discord_server.calls
                  if call.path.endswith(f"/channels/{guild.channels['digest']}/messages"))
    assert upload.files == ("tallies.png",) or "tallies.png" in upload.files
    for body in discord_server.message_payloads():
        assert body.get("allowed_mentions") == {"parse": []}

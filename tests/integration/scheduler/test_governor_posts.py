"""The scheduler's posts about a followed Governor, on a real OpenZeppelin Governor on anvil: the
new proposal announced once (a second pass, a second app on the same database post nothing more),
its updates as replies to the announcement (quorum reached, voting ended, queued, executed), the
watchdog's queue and execute calls once each, the reminder before voting ends, and the digest's
Governor part (what changed, turnout by voting power, the forecast)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from eth_utils import keccak

from governance.bootstrap import bootstrap
from governance.config import Settings
from governance.domain.forecast import Outlook
from governance.scheduler.digest_text import render_digest_text
from tests.conftest import GUILD
from tests.fakes.publisher import RecordingPublisher
from tests.integration.governor import conftest as governor_fixtures
from tests.integration.governor.conftest import MANAGER, connection_to
from tests.integration.governor.dao import (
    AGAINST,
    FOR,
    TIMELOCK_DELAY,
    UNIT,
    VOTING_DELAY,
    VOTING_PERIOD,
    WEIGHTS,
    deploy_dao,
    transfer_call,
)

pytestmark = [pytest.mark.integration, pytest.mark.anvil]
anvil, dao = governor_fixtures.anvil, governor_fixtures.dao  # a fresh anvil per test, a DAO on it
CHANNEL = 777


def following_app(engine, chain, clock):
    return bootstrap(Settings(chain_confirmations=0), engine=engine, clock=clock, migrate=False,
                     chain=connection_to(chain), governor_range=50)


def two_day_dao(chain):
    """A Governor on a timestamp clock whose voting lasts two days: exact ends, room for reminders."""
    timed = deploy_dao(chain.w3, timestamp_clock=True, voting_delay=60, voting_period=2 * 86_400)
    timed.delegate_all()
    return timed


def at_chain_time(clock, anvil) -> None:
    clock.set(datetime.fromtimestamp(anvil.now(), UTC))


async def test_a_governor_proposal_is_announced_once_and_followed_to_execution(
        anvil, dao, sqlite_engine, clock, admin):
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(GUILD, "DAO Guild", admin, digest_channel_id=CHANNEL)
    old_calls = [transfer_call(dao, anvil.accounts[8], 5)]
    old = "# An old idea\n\nSend 5 FOLK to nobody in particular."
    dao.propose(old_calls, old)  # before folkmoot follows: canceled, so history rather than news
    dao.governor.functions.cancel(*dao.lifecycle(old_calls, old)).transact({"from": dao.voters[0]})
    gov.attach_governor(GUILD, MANAGER, dao.governor.address, from_block=0)

    grantee = anvil.accounts[7]
    calls = [transfer_call(dao, grantee, 1_000)]
    description = f"# Grant to the builder\n\nTransfer 1,000 FOLK from the treasury to {grantee}.\n"
    pid = dao.propose(calls, description)
    dao.mine(VOTING_DELAY + 1)
    gov.sync_governors(GUILD)
    at_chain_time(clock, anvil)
    publisher = RecordingPublisher()
    posts = gov.scheduled_posts(publisher)

    await posts.run_due()
    await posts.run_due()  # a second pass posts nothing more
    (announced,) = publisher.of_kind("governor_announcement")
    post = announced.detail
    assert announced.target == CHANNEL and post.proposal.proposal_id == str(pid) and post.proposal.number == 2
    assert post.proposal.state == "active" and post.tally.quorum == 40_000 * UNIT and not post.tally.quorum_reached
    assert post.proposal.calls[0]["args"][1]["shown"] == "1,000 FOLK" and post.summary is None  # no model here
    message_id = 10_000 + publisher.posts.index(announced) + 1
    assert publisher.of_kind("governor_reminder") == []  # 20 blocks of voting: shorter than any window

    dao.vote(pid, FOR, 0)
    dao.vote(pid, AGAINST, 1)
    dao.mine(1)
    gov.sync_governors(GUILD)
    await posts.run_due()
    (quorum,) = publisher.of_kind("governor_update")
    assert quorum.target == message_id and quorum.detail[1].kind == "quorum_reached"

    dao.mine(VOTING_PERIOD)
    gov.sync_governors(GUILD)
    at_chain_time(clock, anvil)
    await posts.run_due()
    await posts.run_due()
    assert [p.detail[1].kind for p in publisher.of_kind("governor_update")] == ["quorum_reached", "ended"]
    (queue,) = publisher.of_kind("governor_action")
    assert queue.target == message_id and queue.detail.action == "queue"
    assert queue.detail.call.args["descriptionHash"] == "0x" + keccak(text=description).hex()

    dao.queue(calls, description)
    dao.mine(1)
    gov.sync_governors(GUILD)
    at_chain_time(clock, anvil)
    await posts.run_due()
    assert [p.detail[1].kind for p in publisher.of_kind("governor_update")][-1] == "queued"
    assert len(publisher.of_kind("governor_action")) == 1  # execute is not due before the ETA

    dao.wait(TIMELOCK_DELAY + 1)
    gov.sync_governors(GUILD)
    at_chain_time(clock, anvil)
    await posts.run_due()
    await posts.run_due()
    actions = publisher.of_kind("governor_action")
    assert [a.detail.action for a in actions] == ["queue", "execute"]
    assert actions[1].detail.call.calldata.startswith("0x" + keccak(text="execute(address[],uint256[],bytes[],"
                                                                          "bytes32)")[:4].hex())

    dao.execute(calls, description)
    dao.mine(1)
    gov.sync_governors(GUILD)
    await posts.run_due()
    kinds = [p.detail[1].kind for p in publisher.of_kind("governor_update")]
    assert kinds == ["quorum_reached", "ended", "queued", "executed"]
    assert dao.token.functions.balanceOf(grantee).call() == 1_000 * UNIT

    # a restart: another app on the same database posts nothing again
    again = RecordingPublisher()
    await following_app(sqlite_engine, anvil, clock).scheduled_posts(again).run_due()
    assert [p.kind for p in again.posts if p.kind.startswith("governor")] == []

    digest = await gov.post_digest_now(GUILD, RecordingPublisher(), record=False)
    assert digest.governor is not None
    changed = [(c.kind, c.number) for c in digest.governor.changes]
    for expected in [("proposal_created", 2), ("big_vote", 2), ("quorum_reached", 2), ("queued", 2),
                     ("executed", 2)]:
        assert expected in changed
    text = render_digest_text(digest)
    assert "On the Governor (Folk Test Governor" in text and "#2 Grant to the builder — queued" in text
    assert "nothing happened on the Governor" not in text


async def test_the_digest_forecasts_quorum_by_voting_power(anvil, sqlite_engine, clock, admin):
    timed = two_day_dao(anvil)
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(GUILD, "DAO Guild", admin, digest_channel_id=CHANNEL)
    gov.attach_governor(GUILD, MANAGER, timed.governor.address, from_block=0)
    pid = timed.propose([transfer_call(timed, anvil.accounts[7], 10)], "# Small grant\n\nPay 10 FOLK.")
    timed.wait(61)
    timed.vote(pid, FOR, 4)  # 20,000 FOLK of the 40,000 quorum
    gov.sync_governors(GUILD)
    opened = gov.governor_proposal(GUILD, 1).window.starts_at
    clock.set(opened + timedelta(hours=12))  # a quarter of the way: 20K so far is 80K by the end

    digest = await gov.post_digest_now(GUILD, RecordingPublisher(), record=False)
    (item,) = digest.governor.open
    assert item.number == 1 and item.count.for_votes == WEIGHTS[4] * UNIT
    assert item.count.turnout is not None and f"{item.count.turnout:.0%}" == "2%"  # 20K of 1M voting power
    assert item.forecast.outlook is Outlook.ON_COURSE and item.forecast.projected == 80_000 * UNIT
    text = render_digest_text(digest)
    assert "#1 Small grant — For 20K FOLK · Against 0 FOLK · Abstain 0 FOLK" in text
    assert "quorum 20K FOLK of 40K FOLK at the snapshot — 20K FOLK to go; turnout 2.0% of the voting power" in text
    assert "on course to reach quorum: about 80K FOLK of the 40K FOLK quorum by the end at the current pace" in text


async def test_reminders_before_voting_ends_reply_to_the_announcement(anvil, sqlite_engine, clock, admin):
    timed = two_day_dao(anvil)
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(GUILD, "DAO Guild", admin, digest_channel_id=CHANNEL)
    gov.attach_governor(GUILD, MANAGER, timed.governor.address, from_block=0)
    timed.propose([transfer_call(timed, anvil.accounts[7], 10)], "# Two days\n\nPay 10 FOLK.")
    timed.wait(61)
    gov.sync_governors(GUILD)
    proposal = gov.governor_proposal(GUILD, 1)
    assert not proposal.window.estimated  # a timestamp clock: the end is exact
    publisher = RecordingPublisher()
    posts = gov.scheduled_posts(publisher)

    for left in (timedelta(hours=30), timedelta(hours=23), timedelta(hours=22), timedelta(minutes=40),
                 timedelta(minutes=30)):
        clock.set(proposal.window.ends_at - left)
        await posts.run_due()
    (announced,) = publisher.of_kind("governor_announcement")
    reminders = publisher.of_kind("governor_reminder")
    assert [r.detail[1].key for r in reminders] == ["24h", "1h"]
    assert {r.target for r in reminders} == {10_000 + publisher.posts.index(announced) + 1}

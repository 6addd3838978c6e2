"""Reminders before a real OpenZeppelin Governor's vote ends (anvil, a timestamp clock), to the members
who linked a wallet and opted in, read from the chain: holders with voting power at the snapshot who
have not voted (hasVoted) get their power; a holder who delegated hears how the delegate voted; one
who voted, one who never delegated and one with nothing get none."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import GUILD
from tests.fakes.publisher import RecordingPublisher
from tests.integration.chain.helpers import send
from tests.integration.governor.conftest import MANAGER
from tests.integration.governor.dao import FOR, deploy_dao, transfer_call
from tests.integration.governor.wallets import link, wallet

from .test_governor_posts import CHANNEL, anvil, following_app  # noqa: F401 - the anvil fixture

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


async def test_only_members_who_can_still_act_are_reminded(anvil, sqlite_engine, clock, admin):  # noqa: F811
    timed = deploy_dao(anvil.w3, timestamp_clock=True, voting_delay=60, voting_period=2 * 86_400)
    h = timed.voters
    for holder, delegate in ((0, 0), (1, 1), (2, 0), (3, 3)):  # holder 3 delegates to holder 1; 5 never
        send(timed.token.functions.delegate(h[delegate]), h[holder])
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(GUILD, "DAO Guild", admin, digest_channel_id=CHANNEL)
    gov.attach_governor(GUILD, MANAGER, timed.governor.address, from_block=0)
    pid = timed.propose([transfer_call(timed, anvil.accounts[7], 10)], "# Two days\n\nPay 10 FOLK.")
    timed.wait(61)
    send(timed.governor.functions.castVote(pid, FOR), h[3])  # holder 4 votes; the others have not
    gov.sync_governors(GUILD)
    for index in (1, 2, 3, 4, 5, 8):  # anvil account i is holder i (1-based); 8 holds nothing
        link(gov, GUILD, index)
        gov.remind_by_dm(GUILD, 1000 + index, True)
    proposal = gov.governor_proposal(GUILD, 1)
    publisher = RecordingPublisher()
    posts = gov.scheduled_posts(publisher)
    clock.set(proposal.window.ends_at - timedelta(hours=23))
    await posts.run_due()
    await posts.run_due()

    assert len(publisher.of_kind("governor_reminder")) == 1
    dms = {p.target: p.detail for p in publisher.of_kind("dm")}
    assert sorted(dms) == [1001, 1002, 1003]
    assert "you have not voted: your wallet" in dms[1001] and "500,000 FOLK of voting power" in dms[1001]
    assert "250,000 FOLK of voting power" in dms[1002]
    assert f"Your 100,000 FOLK are delegated to {wallet(1).address.lower()}, who has not voted yet." in dms[1003]

    send(timed.governor.functions.castVote(pid, FOR), h[0])  # the delegate votes before the last hour
    gov.sync_governors(GUILD)
    clock.set(proposal.window.ends_at - timedelta(minutes=50))
    await posts.run_due()
    last = [p for p in publisher.of_kind("dm")][3:]
    assert [p.target for p in last] == [1002, 1003]  # 1001 voted now
    assert "who voted for with 500,000 FOLK" in last[1].detail

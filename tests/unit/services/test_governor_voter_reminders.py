"""Reminders before a followed Governor's vote ends, to the members who can still act, on fakes of the
ports: opted in, a linked wallet, voting power at the snapshot and no vote yet (with their power), or
tokens delegated to someone else (with how the delegate voted); nobody else, each DM once per window,
and a node that is down loses the DMs of that pass, not the channel's reminder."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.application import Governance
from governance.domain import Actor
from governance.domain.governor.power import CastVote, PowerReading
from governance.errors import Unavailable
from governance.services import chain_votes
from tests.conftest import START
from tests.fakes.governors import FOLK, UNIT, FakeGovernors, proposal
from tests.fakes.publisher import RecordingPublisher
from tests.fakes.unit_of_work import InMemoryUnitOfWork

DAO = 901
CHANNEL = 555
WALLETS = {m: "0x" + f"{m:02x}" * 20 for m in range(1, 8)}


@pytest.fixture
def governors() -> FakeGovernors:
    return FakeGovernors()


@pytest.fixture
def app(database, clock, governors, admin) -> Governance:
    gov = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, governors=governors)
    gov.setup_community(DAO, "DAO", admin, digest_channel_id=CHANNEL)
    governors.follow(DAO, attached_at=START)
    return gov


def power(pid: str, member: int, **facts) -> PowerReading:
    base = dict(wallet=WALLETS[member], token=FOLK, clock="timestamp", balance_now=0, delegate_now=None, votes_now=0,
                proposal_number=1, proposal_id=pid, proposal_title="Fund the docs", proposal_state="active",
                snapshot=1, snapshot_final=True, past_known=True, has_voted=False, power_at_snapshot=0,
                balance_at_snapshot=0)
    return PowerReading(**{**base, **facts})


def members_in_every_situation(app, governors, clock, opted=(1, 2, 3, 4, 5, 7)):
    """1 has power, 2 voted, 3 delegated to 1, 4 has nothing, 5 never delegated, 6 did not opt in,
    7 has power but may not vote here (the bot says so)."""
    found = governors.add(DAO, proposal(1, opens=START, period=timedelta(days=2)))
    pid = found.proposal_id
    for member in range(1, 8):
        chain_votes.link_wallet_record(app.uow(), clock, community_id=DAO,
                                       actor=Actor(f"discord:{member}"), wallet=WALLETS[member], on_chain=False)
    for member in opted:
        app.remind_by_dm(DAO, member, True)
    has = dict(power_at_snapshot=30 * UNIT, balance_at_snapshot=30 * UNIT, delegate_at_snapshot=WALLETS[1])
    governors.powers = {
        (WALLETS[1], pid): power(pid, 1, **has),
        (WALLETS[2], pid): power(pid, 2, **has, has_voted=True, own_vote=CastVote(1, 30 * UNIT)),
        (WALLETS[3], pid): power(pid, 3, balance_at_snapshot=5 * UNIT, delegate_at_snapshot=WALLETS[2],
                                 delegate_has_voted=True, delegate_vote=CastVote(1, 35 * UNIT)),
        (WALLETS[5], pid): power(pid, 5, balance_at_snapshot=9 * UNIT),
        (WALLETS[6], pid): power(pid, 6, **has),
        (WALLETS[7], pid): power(pid, 7, **has),
    }
    return found


async def test_only_members_who_can_still_act_get_a_dm_once_per_window(app, governors, clock):
    found = members_in_every_situation(app, governors, clock)
    publisher = RecordingPublisher(eligible={1, 2, 3, 4, 5, 6})
    posts = app.scheduled_posts(publisher)
    for left in (timedelta(hours=23), timedelta(hours=22), timedelta(minutes=50)):
        clock.set(found.window.ends_at - left)
        await posts.run_due()
    assert [p.detail[1].key for p in publisher.of_kind("governor_reminder")] == ["24h", "1h"]
    dms = [(p.target, p.detail) for p in publisher.of_kind("dm")]
    assert [member for member, _ in dms] == [1, 3, 1, 3]  # each window once; 2 voted, 4 and 5 have no power
    one, three = dms[0][1], dms[1][1]
    assert "ends in 24 hours and you have not voted" in one and "30 FOLK of voting power at its snapshot" in one
    assert f"Your 5 FOLK are delegated to {WALLETS[2]}, who voted for with 35 FOLK." in three
    assert "ends in 1 hour" in dms[2][1]
    assert all(wallet != WALLETS[6] for _, wallet, _ in governors.power_reads)  # not opted in: not even read


async def test_a_node_down_loses_that_passes_dms_not_the_channels_reminder(app, governors, clock):
    found = members_in_every_situation(app, governors, clock, opted=(1,))
    publisher = RecordingPublisher()
    posts = app.scheduled_posts(publisher)
    clock.set(found.window.ends_at - timedelta(hours=23))
    reading = governors.voting_power

    def down(*args, **kwargs):
        raise Unavailable("The chain cannot be reached (fake node)")

    governors.voting_power = down
    await posts.run_due()
    assert len(publisher.of_kind("governor_reminder")) == 1 and publisher.of_kind("dm") == []
    governors.voting_power = reading
    clock.set(found.window.ends_at - timedelta(minutes=50))
    await posts.run_due()
    assert [p.target for p in publisher.of_kind("dm")] == [1]

"""The wallet page's rules on the in-memory unit of work: one-time links (signed, bound, 15 minutes, once),
and the queue's limits (per member per hour, per community per day) with their messages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.domain import Actor
from governance.domain.outbox import OutboxRecord, RecordKind
from governance.domain.wallet_page import LinkPurpose, PageBallot, RelayLimits
from governance.errors import InvalidInput, NotEligible, RateLimited, VotingClosed
from governance.services import one_time_links, wallet_ballots
from tests.conftest import GUILD, member
from tests.fakes.unit_of_work import InMemoryUnitOfWork

KEY = b"k" * 32
WALLET = "0x" + "ab" * 20


def token(clock, purpose=LinkPurpose.VOTE, proposal_id=1, key=KEY):
    return one_time_links.issue(key, community_id=GUILD, member="discord:1004", role_ids=frozenset({7}),
                                is_admin=False, purpose=purpose, proposal_id=proposal_id, now=clock.now())


def test_a_link_carries_its_grant_and_refuses_tampering_other_keys_and_age(clock):
    made = token(clock)
    grant = one_time_links.read(KEY, made, clock.now())
    assert (grant.community_id, grant.member, grant.role_ids, grant.purpose, grant.proposal_id) == (
        GUILD, "discord:1004", frozenset({7}), LinkPurpose.VOTE, 1)
    assert grant.expires_at == clock.now() + timedelta(minutes=15)
    body, signature = made.split(".")
    for bad in (f"{body}x.{signature}", f"{body}.{signature[:-2]}", "nonsense", "", "a.b.c", "é" * 2_000):
        with pytest.raises(InvalidInput):
            one_time_links.read(KEY, bad, clock.now())
    with pytest.raises(InvalidInput):
        one_time_links.read(b"other" * 8, made, clock.now())
    with pytest.raises(InvalidInput):  # a session token is not the link, nor the link a session
        one_time_links.read(KEY, one_time_links.session_token(KEY, made), clock.now())
    with pytest.raises(InvalidInput):
        one_time_links.read_session(KEY, made, clock.now())
    assert one_time_links.read_session(KEY, one_time_links.session_token(KEY, made), clock.now()) == grant
    clock.advance(timedelta(minutes=15))
    with pytest.raises(one_time_links.LinkExpired):
        one_time_links.read(KEY, made, clock.now())


def test_a_link_is_used_once(database, clock):
    grant = one_time_links.read(KEY, token(clock), clock.now())
    one_time_links.redeem(InMemoryUnitOfWork(database), grant, clock.now())
    with pytest.raises(one_time_links.LinkUsed, match="already used"):
        one_time_links.redeem(InMemoryUnitOfWork(database), grant, clock.now())


def linked(database, clock, voter):
    with InMemoryUnitOfWork(database) as uow:
        uow.outbox.add(OutboxRecord(RecordKind.LINK, wallet_ballots.link_key(GUILD, WALLET),
                                    {"voter": voter, "wallet": WALLET}, clock.now(), GUILD))
        uow.commit()


def ballot(proposal_id, nonce):
    return PageBallot(proposal_id, WALLET, 1, nonce, 2**40, f"0x{nonce:0130x}", 1)


def test_the_queue_keeps_the_hourly_limit_and_the_daily_budget(gov, database, clock, active):
    voter = member(4)
    linked(database, clock, voter.id)
    limits = RelayLimits(per_member_per_hour=2, daily_budget=3)
    for nonce in range(2):
        wallet_ballots.queue(InMemoryUnitOfWork(database), clock.now(), limits, GUILD, voter, ballot(active.id, nonce))
    with pytest.raises(RateLimited, match="in the last hour.*try again in 60 minutes"):
        wallet_ballots.queue(InMemoryUnitOfWork(database), clock.now(), limits, GUILD, voter, ballot(active.id, 2))
    clock.advance(timedelta(hours=1, seconds=1))
    wallet_ballots.queue(InMemoryUnitOfWork(database), clock.now(), limits, GUILD, voter, ballot(active.id, 2))
    with pytest.raises(RateLimited, match="daily budget of 3"):
        wallet_ballots.queue(InMemoryUnitOfWork(database), clock.now(), limits, GUILD, voter, ballot(active.id, 3))
    with InMemoryUnitOfWork(database) as uow:
        assert wallet_ballots.queued_nonces(uow, GUILD, WALLET, clock.now() - timedelta(days=1)) == 3


def test_the_queue_refuses_other_members_wallets_outsiders_and_closed_votes(gov, database, clock, active):
    linked(database, clock, member(5).id)
    limits = RelayLimits()
    with pytest.raises(NotEligible, match="not linked to your vote"):
        wallet_ballots.queue(InMemoryUnitOfWork(database), clock.now(), limits, GUILD, member(4), ballot(active.id, 0))
    with pytest.raises(NotEligible, match="role"):
        wallet_ballots.queue(InMemoryUnitOfWork(database), clock.now(), limits, GUILD,
                             Actor(id="discord:9", role_ids=frozenset({1})), ballot(active.id, 0))
    clock.advance(timedelta(days=30))
    with pytest.raises(VotingClosed):
        wallet_ballots.queue(InMemoryUnitOfWork(database), clock.now(), limits, GUILD, member(5), ballot(active.id, 0))


def test_links_are_made_for_the_ledger_not_for_a_followed_governor(database, clock, admin):
    from governance.application import Governance
    from governance.domain.wallet_page import PageSettings
    from tests.fakes.governors import FakeGovernors

    governors = FakeGovernors()
    gov = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, governors=governors,
                     page=PageSettings("https://vote.example.org", KEY))
    gov.setup_community(GUILD, "Guild", admin)
    assert gov.wallet_link_url(GUILD, member(4)).startswith("https://vote.example.org/w/")
    governors.follow(GUILD)
    with pytest.raises(InvalidInput, match="follows a Governor"):
        gov.wallet_link_url(GUILD, member(4))  # linking stays /wallet address signature there


def test_a_governor_proposal_gets_a_vote_link_while_it_is_open(database, clock, admin):
    from governance.application import Governance
    from governance.domain.wallet_page import PageSettings
    from tests.fakes.governors import FakeGovernors, proposal

    governors = FakeGovernors()
    gov = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, governors=governors,
                     page=PageSettings("https://vote.example.org", KEY))
    gov.setup_community(GUILD, "Guild", admin)
    governors.follow(GUILD)
    governors.add(GUILD, proposal(1, opens=clock.now() - timedelta(hours=1)))
    governors.add(GUILD, proposal(2, "defeated", opens=clock.now() - timedelta(days=5)))
    url = gov.wallet_link_url(GUILD, member(4), 1)
    grant, _ = gov.open_wallet_link(url.rsplit("/", 1)[1])
    assert (grant.purpose, grant.proposal_id, grant.member) == (LinkPurpose.VOTE, 1, member(4).id)
    with pytest.raises(VotingClosed, match="not open"):
        gov.wallet_link_url(GUILD, member(4), 2)

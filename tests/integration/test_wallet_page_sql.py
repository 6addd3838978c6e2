"""The wallet page's tables on SQLite and the real PostgreSQL: a one-time link is used once even when two
instances open it at the same moment; the queue of wallet-page ballots is read back per community."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from governance.adapters.sql.unit_of_work import SqlUnitOfWork
from governance.domain.outbox import OutboxRecord, RecordKind
from governance.domain.wallet_page import LinkPurpose
from governance.services import one_time_links
from tests.conftest import GUILD

pytestmark = pytest.mark.integration
KEY = b"q" * 32


def grant(clock):
    token = one_time_links.issue(KEY, community_id=GUILD, member="discord:5", role_ids=frozenset(), is_admin=False,
                                 purpose=LinkPurpose.LINK, proposal_id=None, now=clock.now())
    return one_time_links.read(KEY, token, clock.now())


def test_a_link_opened_twice_at_once_is_used_once(engine, clock):
    granted = grant(clock)
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def open_it():
        start.wait()
        try:
            one_time_links.redeem(SqlUnitOfWork(engine), granted, clock.now())
            outcomes.append("opened")
        except one_time_links.LinkUsed:
            outcomes.append("used")

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["opened", "used", "used", "used"]


def test_the_ballot_queue_per_community_and_time(engine, clock, gov, community):
    with SqlUnitOfWork(engine) as uow:
        for n, (community_id, hours_ago) in enumerate([(GUILD, 1), (GUILD, 30), (GUILD + 1, 1)]):
            uow.outbox.add(OutboxRecord(RecordKind.BALLOT, f"ballot:{n}", {"wallet": "0xab", "nonce": n},
                                        clock.now() - timedelta(hours=hours_ago), community_id))
        uow.outbox.add(OutboxRecord(RecordKind.LINK, "link:x", {"voter": "discord:5", "wallet": "0xab"},
                                    clock.now(), GUILD))
        uow.commit()
    with SqlUnitOfWork(engine, read_only=True) as uow:
        recent = uow.outbox.ballots(GUILD, clock.now() - timedelta(days=1))
    assert [r.key for r in recent] == ["ballot:0"]

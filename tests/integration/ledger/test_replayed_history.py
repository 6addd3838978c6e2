"""Nothing is lost to a late relay on the embedded chain: a fresh embedded chain (a restart: it does
not survive one; or a chain switched on later) below records older than it starts at the oldest and
records each at its own time, so past proposals are opened, voted and closed as they were, never
refused as too late. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from governance.adapters.chain.connection import embedded_chain
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor, Outcome, Support
from tests.conftest import GUILD, VOTER_ROLE, member

pytestmark = pytest.mark.integration


def app(engine, clock, chain):
    return bootstrap(Settings(), engine=engine, clock=clock, chain=chain, migrate=False)


def test_a_fresh_embedded_chain_records_past_proposals_at_their_own_times(engine):
    now = datetime.now(UTC).replace(microsecond=0)
    clock = ManualClock(now - timedelta(days=10))
    before = app(engine, clock, None)  # the records, kept while no chain ran (or one that vanished)
    before.setup_community(GUILD, "Chain guild", Actor(id="discord:1", is_admin=True), quorum="3",
                           voting_period=timedelta(days=2), eligible_role_id=VOTER_ROLE)
    old = before.publish(before.create_draft(GUILD, member(0), "Old", "Ten days ago.").id, member(0))
    for n, support in enumerate([Support.FOR, Support.FOR, Support.AGAINST, Support.FOR]):
        before.vote(old.id, member(n), support)
    clock.advance(timedelta(days=3))
    assert before.close(old.id).outcome is Outcome.PASSED
    clock.set(now - timedelta(hours=1))
    recent = before.publish(before.create_draft(GUILD, member(0), "Recent", "An hour ago.").id, member(0))
    before.vote(recent.id, member(1), Support.AGAINST)
    clock.set(now)

    for _ in range(2):  # started, then restarted: each fresh embedded chain records the whole history
        gov = app(engine, clock, embedded_chain())
        stats = gov.chain.relayer.relay()
        gov.chain.relayer.relay()
        assert stats.failed == 0 and gov.chain_status().outbox == {"confirmed": 10}
        assert gov.ledger.proposal(GUILD, old.id).outcome == "passed"
        for proposal in (old, recent):
            report = gov.verify(proposal.id)
            assert report.passed, report.items
        assert not gov.chain.connection.replaying  # caught up: new blocks carry the present time again

"""The property behind one truth for a vote: whatever the interleaving of Discord votes, wallet
ballots, relay passes, index passes and relayers dying mid-pass, once the system is quiet the
database, the chain and `verify` agree, and every member's vote is their latest act (py-evm, SQLite:
hypothesis drives the interleavings)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.adapters.chain.relayer import Relayer
from governance.domain import Support
from tests.conftest import GUILD, member
from tests.integration.ledger.conftest import travel
from tests.integration.ledger.test_votes_one_truth import Wallets

pytestmark = pytest.mark.integration
MEMBERS = (1, 2, 3)
CRASH_POINTS = ("after_index", "after_sign", "after_broadcast", "after_receipt", "before_settle_commit")

supports = st.sampled_from(list(Support))
actions = st.one_of(
    st.tuples(st.just("discord"), st.sampled_from(MEMBERS), supports),
    st.tuples(st.just("wallet"), st.sampled_from(MEMBERS), supports),
    st.tuples(st.just("relay")),
    st.tuples(st.just("index")),
    st.tuples(st.just("crash"), st.sampled_from(CRASH_POINTS), st.integers(1, 3)),
)


class Crash(Exception):
    """The relayer's process dying at a step: what it committed stays, the rest of the pass is gone."""


def crashing_relayer(gov, sqlite_engine, connection, point: str, times: int) -> Relayer:
    remaining = [times]

    def hook(step: str) -> None:
        if step == point:
            remaining[0] -= 1
            if remaining[0] <= 0:
                raise Crash(point)

    return Relayer(sqlite_engine, connection, hook=hook, index=gov.chain.indexer.poll)


@pytest.mark.parametrize("connection", ["py-evm"], indirect=True)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=st.lists(actions, min_size=4, max_size=18))
def test_after_quiescence_database_chain_and_verify_agree(chain_gov, sync, sqlite_engine, chain_clock, connection,
                                                          script):
    gov = chain_gov
    wallets = Wallets(gov, chain_clock, connection)
    p = gov.publish(gov.create_draft(GUILD, member(0), "Any order", "Whatever happens.").id, member(0))
    for n in MEMBERS:
        wallets.link(n)
    sync()
    latest: dict[int, Support] = {}
    for action in script:
        chain_clock.advance(timedelta(minutes=1))  # every act strictly later than the one before
        kind = action[0]
        if kind == "discord":
            gov.vote(p.id, member(action[1]), action[2])
            latest[action[1]] = action[2]
        elif kind == "wallet":
            wallets.ballot(action[1], p.id, action[2])
            latest[action[1]] = action[2]
        elif kind == "relay":
            travel(connection, chain_clock.now())
            gov.chain.relayer.relay()
        elif kind == "index":
            gov.chain.indexer.poll()
        else:
            try:
                travel(connection, chain_clock.now())
                crashing_relayer(gov, sqlite_engine, connection, action[1], action[2]).relay()
            except Crash:
                pass
    for _ in range(3):
        chain_clock.advance(timedelta(minutes=1))
        sync()
    voters = [member(n).id for n in latest]
    stored = {v.voter: v.support for v in gov.votes(p.id)}
    on_chain = gov.ledger.ballots(GUILD, p.id, voters)
    for n, support in latest.items():
        assert stored[member(n).id] is support, (n, script)
        assert on_chain[member(n).id] == int(support), (n, script)
    report = gov.verify(p.id)
    assert report.passed, (report.items, script)

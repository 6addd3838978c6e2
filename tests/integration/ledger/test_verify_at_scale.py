"""Verify at scale (issue 10): a proposal's ballots are read from the ledger's vote events in one pass,
not one `ballotOf` eth_call per voter, and give exactly what the per-voter calls give (relayed
votes, a changed vote, a wallet ballot). On SQLite and PostgreSQL, py-evm and anvil; counts, no timing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from governance.adapters.chain import reader as reader_module
from governance.domain import Support
from tests.conftest import GUILD, member
from tests.integration.ledger.test_votes_one_truth import Wallets, quiet

pytestmark = pytest.mark.integration
VOTERS = 30


@pytest.fixture
def wallets(db_chain_gov, chain_clock, connection):
    return Wallets(db_chain_gov, chain_clock, connection)


def eth_calls(connection, monkeypatch) -> list[str]:
    seen: list[str] = []
    manager = connection.w3.manager
    original = manager.request_blocking

    def counting(method, params, *args, **kwargs):
        seen.append(str(method))
        return original(method, params, *args, **kwargs)

    monkeypatch.setattr(manager, "request_blocking", counting)
    return seen


def test_verify_reads_the_votes_in_one_pass_and_agrees_with_the_per_voter_calls(
        db_chain_gov, db_sync, wallets, chain_clock, connection, engine, monkeypatch):
    gov = db_chain_gov
    pid = gov.publish(gov.create_draft(GUILD, member(0), "Pond", "Clean the pond.").id, member(0),
                      eligible_count=40).id
    wallets.link(VOTERS + 1)
    db_sync()
    for n in range(1, VOTERS + 1):
        gov.vote(pid, member(n), Support(n % 3))
    db_sync()
    gov.vote(pid, member(1), Support.ABSTAIN)  # changed, in a later batch
    chain_clock.advance(timedelta(minutes=1))
    wallets.ballot(VOTERS + 1, pid, Support.FOR)  # a VoteCast event
    quiet(db_sync)
    voters = [member(n).id for n in range(1, VOTERS + 2)]

    calls = eth_calls(connection, monkeypatch)
    replayed = gov.ledger.ballots(GUILD, pid, voters)
    one_pass = calls.count("eth_call")
    monkeypatch.setattr(reader_module, "REPLAY_FROM", 10**9)  # the per-voter way
    calls.clear()
    per_voter = gov.ledger.ballots(GUILD, pid, voters)
    assert calls.count("eth_call") >= VOTERS + 1
    assert one_pass <= 2 and replayed == per_voter
    assert replayed[member(1).id] == int(Support.ABSTAIN) and replayed[member(VOTERS + 1).id] == int(Support.FOR)

    monkeypatch.setattr(reader_module, "REPLAY_FROM", 8)
    report = gov.verify(pid)
    assert report.passed, report.items
    with engine.begin() as c:  # tampered with in the database: the one-pass read still catches it
        c.execute(text("UPDATE vote SET support = :s WHERE proposal_id = :p AND voter = :v"),
                  {"s": int(Support.AGAINST) if replayed[member(5).id] != 0 else int(Support.FOR), "p": pid,
                   "v": member(5).id})
    assert gov.verify(pid).failed

"""A vote closes only once the chain was read past its deadline: a wallet ballot mined in the last
seconds and indexed late still counts, nothing is written into a closed proposal, and the announced
outcome is the chain's. SQLite and PostgreSQL, py-evm and anvil."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.domain import Outcome, Support
from governance.errors import InvalidState
from tests.conftest import GUILD, member
from tests.integration.ledger.test_votes_one_truth import Wallets

pytestmark = pytest.mark.integration


def test_a_ballot_mined_just_before_the_deadline_counts_though_indexed_after_it(
        db_chain_gov, db_sync, chain_clock, connection):
    gov = db_chain_gov
    wallets = Wallets(gov, chain_clock, connection)
    p = gov.publish(gov.create_draft(GUILD, member(0), "Roof", "Fix the roof.").id, member(0))
    wallets.link(3)
    gov.vote(p.id, member(1), Support.FOR)
    gov.vote(p.id, member(2), Support.FOR)
    db_sync()
    chain_clock.set(p.deadline - timedelta(seconds=3))
    wallets.ballot(3, p.id, Support.FOR)  # the third vote quorum needs, seconds before the deadline
    chain_clock.set(p.deadline + timedelta(seconds=10))

    assert gov.close_due() == []  # the scheduler's pass: the chain is not read past the deadline yet
    with pytest.raises(InvalidState, match="not been read past its deadline"):
        gov.close(p.id)
    db_sync()  # the indexer reads the ballot
    (result,) = gov.close_due()
    assert result.outcome is Outcome.PASSED and result.tally.for_votes == 3
    db_sync()
    on_chain = gov.ledger.proposal(GUILD, p.id)
    assert on_chain.outcome == "passed" and on_chain.tally == result.tally  # announced == the chain's
    report = gov.verify(p.id)
    assert report.passed, report.items

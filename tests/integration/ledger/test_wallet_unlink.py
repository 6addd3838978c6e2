"""Eligibility of wallet ballots (issue 10): a member's wallet is unlinked when they ask, lose the
voter role or leave; the ledger is told through the outbox, the indexer refuses a ballot signed after
the unlink, and verify shows the disagreement while the chain still counts it. On SQLite and
PostgreSQL, py-evm and anvil."""

from __future__ import annotations

from datetime import timedelta

import pytest
from web3 import Web3

from governance.adapters.chain.artifacts import load_artifact
from governance.domain import Support
from governance.domain.outbox import RecordKind, RecordStatus
from tests.conftest import GUILD, member
from tests.integration.ledger.test_votes_one_truth import Wallets, chain_vote, database_vote, quiet

pytestmark = pytest.mark.integration


@pytest.fixture
def truth_gov(db_chain_gov):
    return db_chain_gov


@pytest.fixture
def sync(db_sync):
    return db_sync


@pytest.fixture
def wallets(truth_gov, chain_clock, connection):
    return Wallets(truth_gov, chain_clock, connection)


def linked_index(gov, wallet: str) -> int:
    deployment = gov.chain.relayer.store.deployment(GUILD)
    w3 = gov.chain.connection.w3
    ledger = w3.eth.contract(address=deployment.address, abi=load_artifact("FolkmootLedger").abi)
    return ledger.functions.walletVoterIndex(Web3.to_checksum_address(wallet)).call()


def unlink_records(gov):
    with gov.read_uow() as uow:
        return [r for r in uow.outbox.links(GUILD) if r.kind is RecordKind.UNLINK]


def test_unlinking_reaches_the_ledger_and_the_wallet_can_be_linked_again(truth_gov, wallets, sync):
    gov = truth_gov
    wallets.link(4)
    sync()
    wallet = wallets.keys[4].address
    assert linked_index(gov, wallet) != 0 and gov.linked_wallet(GUILD, member(4).id) == wallet.lower()
    assert gov.unlink_wallet(GUILD, member(4).id) == [wallet.lower()]
    assert gov.linked_wallet(GUILD, member(4).id) is None
    sync()
    assert linked_index(gov, wallet) == 0
    assert [r.status for r in unlink_records(gov)] == [RecordStatus.CONFIRMED]
    assert gov.unlink_wallet(GUILD, member(4).id) == []  # nothing left to unlink
    gov.link_wallet(GUILD, member(4), wallet, wallets.outside.link_signature(wallets.keys[4], GUILD, member(4).id))
    sync()
    assert linked_index(gov, wallet) != 0 and gov.linked_wallet(GUILD, member(4).id) == wallet.lower()


def test_a_ballot_signed_after_the_unlink_is_refused_and_verify_shows_the_chain_counting_it(
        truth_gov, wallets, sync, chain_clock):
    """The member lost the voter role: their wallet is unlinked in the database at once, but the
    ledger hears of it only at the next relay. A ballot mined in between is counted by the chain,
    refused by the indexer (an alert), and verify fails on the tally until an operator looks."""
    gov = truth_gov
    pid = gov.publish(gov.create_draft(GUILD, member(0), "Pond", "Clean the pond.").id, member(0),
                      eligible_count=10).id
    wallets.link(4)
    sync()
    chain_clock.advance(timedelta(minutes=1))
    gov.unlink_wallet(GUILD, member(4).id, reason="lost the voter role")
    chain_clock.advance(timedelta(minutes=1))
    wallets.ballot(4, pid, Support.FOR)  # the chain still has the link
    gov.chain.indexer.poll()
    assert database_vote(gov, pid, 4) is None
    assert chain_vote(gov, pid, 4) == int(Support.FOR)
    report = gov.verify(pid)
    assert report.failed, report.items
    quiet(sync)
    assert linked_index(gov, wallets.keys[4].address) == 0


def test_a_ballot_mined_before_the_unlink_still_counts(truth_gov, wallets, sync, chain_clock):
    gov = truth_gov
    pid = gov.publish(gov.create_draft(GUILD, member(0), "Pond", "Clean the pond.").id, member(0),
                      eligible_count=10).id
    wallets.link(4)
    sync()
    chain_clock.advance(timedelta(minutes=1))
    wallets.ballot(4, pid, Support.AGAINST)
    chain_clock.advance(timedelta(minutes=1))
    gov.unlink_wallet(GUILD, member(4).id, reason="left the server")
    quiet(sync)
    assert database_vote(gov, pid, 4).support is Support.AGAINST
    assert chain_vote(gov, pid, 4) == int(Support.AGAINST)
    report = gov.verify(pid)
    assert report.passed, report.items

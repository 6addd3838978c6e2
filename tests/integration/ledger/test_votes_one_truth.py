"""One truth for a vote (DESIGN.md): a member's latest act wins, a Discord vote from when the bot
accepted it, a wallet ballot from its block's time; after the system is quiet the database and the
chain agree for every member, whichever order the acts, relays and index passes came in. On SQLite
and PostgreSQL, py-evm and anvil."""

from __future__ import annotations

from datetime import timedelta

import pytest
from eth_account import Account

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.keys import LEDGER_OUTCOMES, proposal_key
from governance.bootstrap import chain_sandbox
from governance.domain import Support, VoteSource
from tests.conftest import GUILD, member
from tests.integration.ledger.conftest import ANVIL_SECOND_KEY, travel

pytestmark = pytest.mark.integration


@pytest.fixture
def truth_gov(db_chain_gov):
    return db_chain_gov


@pytest.fixture
def sync(db_sync):
    return db_sync


class Wallets:
    """Members' wallets, linked through the product, casting EIP-712 ballots mined at the test clock."""

    def __init__(self, gov, clock, connection):
        self.gov, self.clock, self.connection = gov, clock, connection
        self.outside = chain_sandbox(gov)
        self.stranger = None if connection.embedded else Account.from_key(ANVIL_SECOND_KEY)
        self.keys = {}

    def link(self, n: int) -> None:
        wallet = self.outside.new_wallet()
        self.keys[n] = wallet
        self.gov.link_wallet(GUILD, member(n), wallet.address,
                             self.outside.link_signature(wallet, GUILD, member(n).id))

    def ballot(self, n: int, proposal_id: int, support: Support) -> None:
        travel(self.connection, self.clock.now())  # mined at the test clock's second (anvil: the next)
        if not self.connection.embedded:  # a block at that time, so the ballot's signed deadline follows it
            self.connection.w3.provider.make_request("evm_mine", [])
        self.outside.cast_signed_ballot(GUILD, self.keys[n], proposal_id, support, submitter=self.stranger)


@pytest.fixture
def wallets(truth_gov, chain_clock, connection):
    return Wallets(truth_gov, chain_clock, connection)


def database_vote(gov, proposal_id: int, n: int):
    return {v.voter: v for v in gov.votes(proposal_id)}.get(member(n).id)


def chain_vote(gov, proposal_id: int, n: int) -> int | None:
    return gov.ledger.ballots(GUILD, proposal_id, [member(n).id]).get(member(n).id)


def quiet(sync, times: int = 3) -> None:
    """Relay and index until nothing is left to do (a re-sent vote needs one more pass)."""
    for _ in range(times):
        sync()


def publish_with_wallets(gov, wallets, sync, *members: int) -> int:
    p = gov.publish(gov.create_draft(GUILD, member(0), "Pond", "Clean the pond.").id, member(0),
                    eligible_count=10)
    for n in members:
        wallets.link(n)
    sync()
    return p.id


def test_a_discord_vote_after_a_mined_wallet_ballot_wins_in_both_places(truth_gov, wallets, sync, chain_clock):
    """(a): wallet For mined, then Against in Discord, then the relayer runs."""
    gov = truth_gov
    pid = publish_with_wallets(gov, wallets, sync, 4)
    chain_clock.advance(timedelta(minutes=1))
    wallets.ballot(4, pid, Support.FOR)
    chain_clock.advance(timedelta(minutes=1))
    gov.vote(pid, member(4), Support.AGAINST)  # the member's latest act
    quiet(sync)
    assert database_vote(gov, pid, 4).support is Support.AGAINST
    assert chain_vote(gov, pid, 4) == int(Support.AGAINST)
    report = gov.verify(pid)
    assert report.passed, report.items


def test_a_wallet_ballot_mined_after_an_unrelayed_discord_vote_wins_in_both_places(
        truth_gov, wallets, sync, chain_clock):
    """(b): Discord Against cast, not relayed; then a wallet For is mined; then the relayer runs."""
    gov = truth_gov
    pid = publish_with_wallets(gov, wallets, sync, 4)
    chain_clock.advance(timedelta(minutes=1))
    gov.vote(pid, member(4), Support.AGAINST)
    chain_clock.advance(timedelta(minutes=1))
    wallets.ballot(4, pid, Support.FOR)  # the member's latest act
    quiet(sync)
    vote = database_vote(gov, pid, 4)
    assert (vote.support, vote.source) == (Support.FOR, VoteSource.WALLET)
    assert chain_vote(gov, pid, 4) == int(Support.FOR)
    report = gov.verify(pid)
    assert report.passed, report.items


def test_a_wallet_ballot_mined_while_the_relayer_sends_the_older_discord_vote_is_re_sent(
        truth_gov, wallets, sync, chain_clock):
    """(b), the race: the ballot is mined after the relayer read the chain, before its batch lands; the
    stale Discord vote reaches the chain on top of it, and the member's newer ballot is sent again."""
    gov = truth_gov
    pid = publish_with_wallets(gov, wallets, sync, 4)
    chain_clock.advance(timedelta(minutes=1))
    gov.vote(pid, member(4), Support.AGAINST)
    chain_clock.advance(timedelta(minutes=1))
    cast = []

    def mine_a_ballot_in_between(step: str) -> None:
        if step == "after_index" and not cast:
            cast.append(wallets.ballot(4, pid, Support.FOR))

    gov.chain.relayer.hook = mine_a_ballot_in_between
    sync()
    assert cast, "the relayer reads the chain before it relays"
    gov.chain.relayer.hook = lambda step: None
    quiet(sync)
    assert database_vote(gov, pid, 4).support is Support.FOR
    assert chain_vote(gov, pid, 4) == int(Support.FOR)
    report = gov.verify(pid)
    assert report.passed, report.items


def test_tally_and_the_chains_outcome_agree_with_several_members_voting_both_ways(
        truth_gov, wallets, sync, chain_clock):
    """Several members in each order: the announced result is the one ProposalClosed records."""
    gov = truth_gov
    pid = publish_with_wallets(gov, wallets, sync, 1, 2, 3, 4, 5)
    chain_clock.advance(timedelta(minutes=1))
    for n in (1, 2, 3):  # (b): Discord Against first, a wallet For after
        gov.vote(pid, member(n), Support.AGAINST)
    for n in (4, 5):  # (a): a wallet Against first, Discord For after
        wallets.ballot(n, pid, Support.AGAINST)
    chain_clock.advance(timedelta(minutes=1))
    for n in (1, 2, 3):
        wallets.ballot(n, pid, Support.FOR)
    gov.vote(pid, member(6), Support.AGAINST)
    chain_clock.advance(timedelta(minutes=1))
    for n in (4, 5):
        gov.vote(pid, member(n), Support.FOR)
    quiet(sync)
    chain_clock.advance(timedelta(days=2))
    sync()  # the indexer reads past the deadline
    result = gov.close(pid)
    quiet(sync)
    tally = gov.tally(pid).tally
    assert (tally.for_votes, tally.against_votes) == (5, 1)
    assert result.outcome.value == "passed"
    deployment = gov.chain.relayer.store.deployment(GUILD)
    w3 = gov.chain.connection.w3
    ledger = w3.eth.contract(address=deployment.address, abi=load_artifact("FolkmootLedger").abi)
    (closed,) = ledger.events.ProposalClosed.get_logs(
        from_block=deployment.deployed_block, argument_filters={"proposalKey": proposal_key(pid)})
    assert LEDGER_OUTCOMES[closed["args"]["outcome"]] == result.outcome.value
    assert (closed["args"]["forVotes"], closed["args"]["againstVotes"], closed["args"]["abstainVotes"]) == (
        tally.for_votes, tally.against_votes, tally.abstain_votes)
    report = gov.verify(pid)
    assert report.passed, report.items


def test_an_older_ballot_mined_over_a_relayed_newer_vote_is_outvoted_again(truth_gov, wallets, sync, chain_clock):
    """(a) with the bot's clock ahead of the chain's: the Discord vote (accepted later, by the rule) lands
    first, then a ballot stamped earlier is mined on top of it; the database keeps the Discord vote and
    the chain gets it again."""
    gov = truth_gov
    pid = publish_with_wallets(gov, wallets, sync, 4)
    chain_clock.advance(timedelta(minutes=10))  # the bot's clock runs ahead of the chain's
    gov.vote(pid, member(4), Support.AGAINST)
    gov.chain.relayer.relay()  # no travel: the vote lands at the chain's earlier time
    wallets.outside.cast_signed_ballot(GUILD, wallets.keys[4], pid, Support.FOR, submitter=wallets.stranger)
    quiet(sync)
    vote = database_vote(gov, pid, 4)
    assert (vote.support, vote.source) == (Support.AGAINST, VoteSource.DISCORD)
    assert chain_vote(gov, pid, 4) == int(Support.AGAINST)
    report = gov.verify(pid)
    assert report.passed, report.items

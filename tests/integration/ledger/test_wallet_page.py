"""The wallet page's use cases on a real chain (py-evm and anvil) and SQLite: a one-time link, Sign-In with
Ethereum linking an EOA or an ERC-1271 wallet, a ballot signed with eth_signTypedData's document, checked,
queued, relayed by the recorder in a castVotesBySig batch, indexed and verified; and the refusals."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct

from governance.bootstrap import chain_sandbox
from governance.config import Settings
from governance.domain import Actor, Support
from governance.domain.wallet_page import PageBallot
from governance.errors import InvalidInput, NotEligible, RateLimited, VotingClosed
from governance.services.one_time_links import LinkExpired, LinkUsed
from tests.conftest import GUILD, member
from tests.integration.ledger.conftest import ANVIL_SECOND_KEY, chain_community, relay_and_index

pytestmark = pytest.mark.integration
SECRET = "s" * 40


@pytest.fixture
def page_gov(sqlite_engine, chain_clock, connection):
    settings = Settings(web_url="https://vote.example.org", web_secret=SECRET, wallet_ballots_per_hour=3)
    return chain_community(sqlite_engine, chain_clock, connection, settings, quorum="1")


@pytest.fixture
def relay(page_gov, chain_clock, connection):
    return relay_and_index(page_gov, chain_clock, connection)


def visit(gov, actor, proposal_id=None):
    url = gov.wallet_link_url(GUILD, actor, proposal_id)
    assert url.startswith("https://vote.example.org/w/")
    grant, _session = gov.open_wallet_link(url.rsplit("/", 1)[1])
    return grant


def sign_in(gov, grant, wallet, signer=None, chain_id=None):
    chain_id = chain_id or gov.chain.connection.chain_id
    message = gov.sign_in_message(grant, wallet if isinstance(wallet, str) else wallet.address, chain_id)
    signature = Account.sign_message(encode_defunct(text=message), (signer or wallet).key).signature.to_0x_hex()
    return gov.link_signed_in_wallet(grant, message, signature)


def page_ballot(gov, grant, proposal_id, address, signer, support=Support.FOR, **changes):
    typed = gov.ballot_to_sign(grant, proposal_id, address, int(support))
    typed["domain"].update(changes)
    signature = Account.sign_typed_data(signer.key, full_message=typed).signature.to_0x_hex()
    m = typed["message"]
    return PageBallot(proposal_id, m["voter"], m["support"], m["nonce"], m["deadline"], signature,
                      typed["domain"]["chainId"], reason="Shade for the benches")


def test_link_vote_relay_and_verify(page_gov, relay):
    gov = page_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Trees", "Plant ten trees.").id, member(0))
    gov.vote(p.id, member(4), Support.AGAINST)  # in Discord first; the wallet ballot replaces it
    relay()
    wallet = Account.create()
    grant = visit(gov, member(4), p.id)
    assert sign_in(gov, grant, wallet) == wallet.address
    ballot = page_ballot(gov, grant, p.id, wallet.address, wallet)
    queued = gov.queue_wallet_ballot(grant, ballot)
    assert gov.ballot_receipt(grant, queued.key).status == "queued"
    stats = relay()
    assert stats.failed == 0
    receipt = gov.ballot_receipt(grant, queued.key)
    assert receipt.status == "on-chain" and receipt.tx_hash.startswith("0x")
    tx = gov.chain.connection.w3.eth.get_transaction(receipt.tx_hash)
    assert tx["from"] == gov.chain.relayer.sender.address  # the recorder paid, not the member
    votes = {v.voter: v for v in gov.votes(p.id)}
    assert votes[member(4).id].support is Support.FOR and votes[member(4).id].source.value == "wallet"
    assert gov.verify(p.id).passed


def test_a_link_works_once_and_for_15_minutes(page_gov, chain_clock):
    gov = page_gov
    url = gov.wallet_link_url(GUILD, member(4))
    token = url.rsplit("/", 1)[1]
    gov.open_wallet_link(token)
    with pytest.raises(LinkUsed, match="already used"):
        gov.open_wallet_link(token)
    late = gov.wallet_link_url(GUILD, member(4)).rsplit("/", 1)[1]
    chain_clock.advance(timedelta(minutes=15))
    with pytest.raises(LinkExpired, match="expired"):
        gov.open_wallet_link(late)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    with pytest.raises(InvalidInput, match="not valid"):
        gov.open_wallet_link(forged)


def test_refusals_before_anything_is_queued(page_gov, relay, connection):
    gov = page_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Bench", "A bench.").id, member(0))
    relay()
    wallet, other = Account.create(), Account.create()
    grant = visit(gov, member(5), p.id)
    with pytest.raises(InvalidInput, match="this community votes on chain"):
        sign_in(gov, grant, wallet, chain_id=gov.chain.connection.chain_id + 1)
    with pytest.raises(InvalidInput, match="does not match"):
        sign_in(gov, grant, wallet, signer=other)  # signed by another key
    with pytest.raises(NotEligible, match="not linked"):
        gov.ballot_to_sign(grant, p.id, wallet.address, 1)
    sign_in(gov, grant, wallet)
    wrong_chain = page_ballot(gov, grant, p.id, wallet.address, wallet, chainId=1)
    with pytest.raises(InvalidInput, match="Switch your wallet's network"):  # the wallet says chain 1
        gov.queue_wallet_ballot(grant, wrong_chain)
    claimed = dataclasses.replace(wrong_chain, chain_id=gov.chain.connection.chain_id)
    with pytest.raises(InvalidInput, match="not this wallet's"):  # signed for another chain's domain
        gov.queue_wallet_ballot(grant, claimed)
    forged = page_ballot(gov, grant, p.id, wallet.address, other)
    with pytest.raises(InvalidInput, match="not this wallet's"):
        gov.queue_wallet_ballot(grant, forged)
    outsider = Actor(id="discord:77", role_ids=frozenset({123}))
    stranger_grant = visit(gov, outsider, p.id)
    with pytest.raises(NotEligible, match="role"):
        sign_in(gov, stranger_grant, other)
    with pytest.raises(NotEligible, match="role"):
        gov.ballot_to_sign(stranger_grant, p.id, other.address, 1)
    assert not gov.vote_page(stranger_grant, p.id).eligible
    good = page_ballot(gov, grant, p.id, wallet.address, wallet)
    for _ in range(3):  # the hourly limit is 3 in this app
        gov.queue_wallet_ballot(grant, page_ballot(gov, grant, p.id, wallet.address, wallet))
    with pytest.raises(RateLimited, match="in the last hour"):
        gov.queue_wallet_ballot(grant, page_ballot(gov, grant, p.id, wallet.address, wallet))
    with pytest.raises(InvalidInput, match="nonce"):  # its nonce was taken by the ballots queued since
        gov.queue_wallet_ballot(grant, good)
    assert len([r for r in gov.chain.relayer.store.pending_rows(100) if r.kind == "ballot"]) == 3


def test_voting_closed(page_gov, relay, chain_clock):
    gov = page_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Lamp", "A lamp.").id, member(0))
    relay()
    wallet = Account.create()
    grant = visit(gov, member(6), p.id)
    sign_in(gov, grant, wallet)
    ballot = page_ballot(gov, grant, p.id, wallet.address, wallet)
    chain_clock.advance(timedelta(days=3))
    with pytest.raises(VotingClosed):
        gov.queue_wallet_ballot(grant, ballot)
    assert not gov.vote_page(grant, p.id).is_open
    with pytest.raises(VotingClosed):
        gov.wallet_link_url(GUILD, member(6), p.id)


def test_a_ballot_the_ledger_skips_in_a_batch_is_reported_and_the_rest_land(page_gov, relay, connection):
    gov = page_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Pond", "A pond.").id, member(0))
    relay()
    first, second = Account.create(), Account.create()
    grant_a, grant_b = visit(gov, member(7), p.id), visit(gov, member(8), p.id)
    sign_in(gov, grant_a, first)
    sign_in(gov, grant_b, second)
    relay()
    queued_a = gov.queue_wallet_ballot(grant_a, page_ballot(gov, grant_a, p.id, first.address, first))
    queued_b = gov.queue_wallet_ballot(grant_b, page_ballot(gov, grant_b, p.id, second.address, second,
                                                            Support.AGAINST))
    # Before the relayer runs, the first wallet's nonce is used by a ballot someone else submitted.
    stranger = None if connection.embedded else Account.from_key(ANVIL_SECOND_KEY)
    chain_sandbox(gov).cast_signed_ballot(GUILD, first, p.id, Support.ABSTAIN, submitter=stranger)
    relay()
    refused = gov.ballot_receipt(grant_a, queued_a.key)
    assert refused.status == "refused" and "InvalidAccountNonce" in refused.error
    landed = gov.ballot_receipt(grant_b, queued_b.key)
    assert landed.status == "on-chain"
    votes = {v.voter: v.support for v in gov.votes(p.id)}
    assert votes[member(7).id] is Support.ABSTAIN and votes[member(8).id] is Support.AGAINST
    assert gov.verify(p.id).passed


def test_an_erc1271_wallet_signs_in_and_votes(page_gov, relay, connection):
    from tests.integration.chain.helpers import deploy

    gov = page_gov
    owner = Account.create()
    safe = deploy(connection.w3, "MockERC1271Wallet", owner.address, sender=connection.w3.eth.accounts[0])
    p = gov.publish(gov.create_draft(GUILD, member(0), "Well", "A well.").id, member(0))
    relay()
    grant = visit(gov, member(9), p.id)
    assert sign_in(gov, grant, safe.address, signer=owner) == safe.address
    queued = gov.queue_wallet_ballot(grant, page_ballot(gov, grant, p.id, safe.address, owner))
    relay()
    assert gov.ballot_receipt(grant, queued.key).status == "on-chain"
    assert {v.voter: v.support for v in gov.votes(p.id)}[member(9).id] is Support.FOR

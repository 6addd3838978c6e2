"""Exactly once, whatever happens: the relayer killed at each step of the send path, the RPC
node unreachable, and a reply lost after the node accepted the transaction (anvil keeps the
chain while relayer processes come and go)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.connection import rpc_chain
from governance.adapters.chain.errors import ChainUnavailable
from governance.adapters.chain.packed_votes import unpack_votes
from governance.adapters.chain.relayer import Relayer
from governance.domain import Support
from governance.domain.outbox import RecordStatus
from tests.conftest import GUILD, member
from tests.integration.ledger.conftest import ANVIL_KEY, travel
from tests.integration.ledger.rpc_proxy import RpcProxy

pytestmark = [pytest.mark.integration, pytest.mark.anvil, pytest.mark.reliability]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def connection(anvil_node):
    return rpc_chain(anvil_node.w3.provider.endpoint_uri, ANVIL_KEY)


def make_round(gov, voters: int = 12) -> int:
    p = gov.create_draft(GUILD, member(0), "Fault round", "Everything must land exactly once.")
    gov.revise(p.id, member(0), body="Everything must land exactly once, even after a crash.")
    gov.publish(p.id, member(0))
    for n in range(voters):
        gov.vote(p.id, member(n), Support(n % 3))
    for n in range(0, voters, 4):
        gov.vote(p.id, member(n), Support.FOR)
    return p.id


def run_relayer(db_url: str, rpc_url: str, failpoint: str | None) -> int:
    env = dict(os.environ, PYTHONPATH=REPO)
    env.pop("FOLKMOOT_FAILPOINT", None)
    if failpoint:
        env["FOLKMOOT_FAILPOINT"] = failpoint
    result = subprocess.run([sys.executable, "-m", "tests.integration.ledger.relay_process", db_url, rpc_url,
                             ANVIL_KEY], env=env, cwd=REPO, capture_output=True, text=True, timeout=180)
    return result.returncode


def assert_exactly_once(gov, proposal_id: int) -> None:
    with gov.uow() as uow:
        records = uow.outbox.for_proposal(proposal_id)
    assert {r.status for r in records} == {RecordStatus.CONFIRMED}, [(r.key, r.status) for r in records]
    deployment = gov.chain.relayer.store.deployment(GUILD)
    w3 = gov.chain.connection.w3
    ledger = w3.eth.contract(address=deployment.address, abi=load_artifact("FolkmootLedger").abi)
    start = deployment.deployed_block
    revisions = ledger.events.RevisionRecorded.get_logs(from_block=start)
    assert sorted(e["args"]["revision"] for e in revisions) == [1, 2]
    assert len(ledger.events.ProposalOpened.get_logs(from_block=start)) == 1
    lanes = [lane for e in ledger.events.VotesRecorded.get_logs(from_block=start)
             for lane in unpack_votes(e["args"]["packedVotes"])]
    vote_records = [r for r in records if r.kind.value == "vote"]
    assert len(lanes) == len(vote_records)  # every vote and every change, none twice
    voters = gov.chain.relayer.store.voters(GUILD, [r.payload["voter"] for r in vote_records])
    assert Counter(i for i, _ in lanes) == Counter(voters[r.payload["voter"]].voter_index for r in vote_records)
    assert gov.verify(proposal_id).passed


@pytest.mark.parametrize("failpoint", ["after_index:1", "after_sign:1", "after_sign:3", "after_broadcast:1",
                                       "after_broadcast:4", "after_receipt:2", "after_receipt:5",
                                       "before_settle_commit:1", "before_settle_commit:3"])
def test_killed_relayer_resumes_without_loss_or_duplicates(chain_gov, sqlite_engine, anvil_node, failpoint):
    proposal_id = make_round(chain_gov)
    db_url = sqlite_engine.url.render_as_string(hide_password=False)
    rpc_url = anvil_node.w3.provider.endpoint_uri
    assert run_relayer(db_url, rpc_url, failpoint) == -9  # SIGKILL, mid-send
    assert run_relayer(db_url, rpc_url, None) == 0
    assert_exactly_once(chain_gov, proposal_id)


def test_rpc_down_for_a_while_then_everything_lands_once(chain_gov, sqlite_engine, anvil_node, chain_clock):
    proxy = RpcProxy(anvil_node.w3.provider.endpoint_uri)
    try:
        relayer = Relayer(sqlite_engine, rpc_chain(proxy.url, ANVIL_KEY))
        proposal_id = make_round(chain_gov, voters=6)
        relayer.relay()
        proxy.down = True
        for n in range(6, 12):  # members keep voting while the chain is unreachable
            chain_gov.vote(proposal_id, member(n), Support.FOR)
        for _ in range(3):
            with pytest.raises(ChainUnavailable):
                relayer.relay()
        proxy.down = False
        relayer.relay()
        assert_exactly_once(chain_gov, proposal_id)
    finally:
        proxy.close()


def test_lost_reply_after_the_node_accepted_the_transaction(chain_gov, sqlite_engine, anvil_node, chain_clock,
                                                            connection):
    proxy = RpcProxy(anvil_node.w3.provider.endpoint_uri)
    try:
        relayer = Relayer(sqlite_engine, rpc_chain(proxy.url, ANVIL_KEY))
        proposal_id = make_round(chain_gov, voters=8)
        proxy.lose_reply_to = {"eth_sendRawTransaction"}
        with pytest.raises(ChainUnavailable):
            relayer.relay()
        assert proxy.lost == 1
        relayer.relay()
        chain_clock.advance(timedelta(days=3))
        travel(connection, chain_clock.now())
        chain_gov.chain.indexer.poll()  # a vote closes once the chain was read past its deadline
        chain_gov.close(proposal_id)
        relayer.relay()
        assert_exactly_once(chain_gov, proposal_id)
    finally:
        proxy.close()

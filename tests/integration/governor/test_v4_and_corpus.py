"""An OpenZeppelin 4.9 Governor detected and followed; the 29 real proposals replayed on the
OpenZeppelin 5 Governor with their exact descriptions and calls; hostile proposals indexed."""

from __future__ import annotations

import pytest
from eth_utils import keccak
from web3 import Web3

from governance.adapters.governor.proposal_ids import hash_proposal
from governance.domain.governor import Call
from tests.integration.chain.helpers import send
from tests.unit.governor.corpus import REPRODUCING_IDS, proposals

from .conftest import MANAGER, governor_app
from .dao import (
    ABSTAIN,
    FOR,
    TIMELOCK_DELAY,
    UNIT,
    VOTING_DELAY,
    VOTING_PERIOD,
    WEIGHTS,
    deploy_dao,
    transfer_call,
)

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


def test_an_openzeppelin_4_governor_is_detected_indexed_and_executed(anvil, sqlite_engine, clock, community):
    dao = deploy_dao(anvil.w3, version=4)
    dao.delegate_all()
    app = governor_app(sqlite_engine, anvil, clock)
    info = app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    assert info.kind == "OpenZeppelin Governor 4.x"
    row = app.governors.store.of_community(community.id)
    assert row.ballot_typehash == "0x" + keccak(text="Ballot(uint256 proposalId,uint8 support)").hex()
    assert row.eip712_domain["name"] == "Folk Test Governor"

    description = f"Transfer 10 FOLK to {anvil.accounts[7]}."
    calls = [transfer_call(dao, anvil.accounts[7], 10)]
    pid = dao.propose(calls, description)
    dao.mine(VOTING_DELAY + 1)
    send(dao.governor.functions.castVote(pid, FOR), dao.voters[0])
    send(dao.governor.functions.castVoteWithReason(pid, ABSTAIN, "fine"), dao.voters[2])
    dao.mine(VOTING_PERIOD + 1)
    app.sync_governors(community.id)
    tally = app.governor_tally(community.id, str(pid))
    assert (tally.for_votes, tally.abstain_votes, tally.quorum_reached) == (WEIGHTS[0] * UNIT, WEIGHTS[2] * UNIT, True)
    (action,) = app.governor_watchdog(community.id)
    assert action.action == "queue"  # 4.x has no proposalNeedsQueuing: a timelock means queue
    targets, values, datas, desc_hash = dao.lifecycle(calls, description)
    send(dao.governor.functions.queue(targets, values, datas, desc_hash), anvil.accounts[9])
    anvil.w3.provider.make_request("evm_increaseTime", [TIMELOCK_DELAY + 1])
    dao.mine(1)
    send(dao.governor.functions.execute(targets, values, datas, desc_hash), anvil.accounts[9])
    dao.mine(1)
    app.sync_governors(community.id)
    assert app.governor_proposal(community.id, str(pid)).state == "executed"
    assert [e.kind for e in app.governors.store.events(row.id, str(pid))] == ["created", "queued", "executed"]


def test_the_real_proposals_replay_with_their_ids(anvil, dao, sqlite_engine, clock, community):
    app = governor_app(sqlite_engine, anvil, clock, range_size=50)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    replayed = {}
    for record in proposals():
        calls = [Call(Web3.to_checksum_address(c["target"]), int(c["value"]), bytes.fromhex(c["calldata"][2:]))
                 for c in record["calls"]]
        description = record["description"]
        expected = hash_proposal(calls, description)
        args = ([c.target for c in calls], [c.value for c in calls], [c.calldata for c in calls])
        assert dao.governor.functions.hashProposal(*args, keccak(text=description)).call() == expected
        if not calls:  # OpenZeppelin refuses a proposal without calls (ep-6-20, ep-6-21)
            continue
        send(dao.governor.functions.propose(*args, description), dao.voters[0])
        replayed[record["id"]] = (record, expected)
    assert len(replayed) == 27
    dao.mine(1)
    app.sync_governors(community.id)
    gid = app.governors.store.of_community(community.id).id
    for rid, (record, expected) in replayed.items():
        stored = app.governors.store.proposal(gid, str(expected))
        assert stored is not None and stored.id_matches, rid
        assert bytes(stored.description) == record["description"].encode("utf-8")  # byte for byte
        if rid in REPRODUCING_IDS:
            assert stored.proposal_id == record["onchain_proposal_id"], rid
        assert [c["selector"] for c in stored.decoded_calls] == [c["calldata"][:10] if c["calldata"] != "0x" else None
                                                                 for c in record["calls"]]
    ep516 = app.governors.store.proposal(gid, str(replayed["ens/ep-5-16"][1]))
    assert ep516.decoded_calls[0]["function"] == "transfer(address,uint256)"
    # on this test chain USDC's mainnet address holds no contract: the amount is shown in raw units (which
    # this description happens to state too: "1218669760000 considering USDC's 6 decimal places")
    assert ep516.decoded_calls[0]["args"][1]["shown"] == "1,218,669,760,000 units of token 0xa0b8…eb48"
    assert ep516.findings == []


def test_hundreds_of_calls_a_large_description_and_odd_calldata_are_indexed_with_findings(
        anvil, dao, sqlite_engine, clock, community):
    app = governor_app(sqlite_engine, anvil, clock, range_size=10)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    many = [transfer_call(dao, anvil.accounts[7], 1) for _ in range(300)]
    odd = (dao.token.address, 0, bytes.fromhex("a9059cbb") + b"\x01" * 7)  # transfer's selector, broken arguments
    description = "Pay 1 FOLK three hundred times.\u202e\n" + "x" * 300_000
    pid = dao.propose(many + [odd], description)
    dao.mine(1)
    result = app.sync_governors(community.id)[community.id]
    assert result.proposals == 1
    codes = [f.code for f in app.governor_proposal(community.id, str(pid)).findings]
    for expected in ("bidi_controls", "undecodable_calldata", "large_description", "many_calls"):
        assert expected in codes
    assert app.governor_proposal(community.id, str(pid)).calls[300]["error"]


def test_a_governor_on_a_timestamp_clock_shows_its_window_in_seconds(anvil, sqlite_engine, clock, community):
    dao = deploy_dao(anvil.w3, timestamp_clock=True)
    dao.delegate_all()
    app = governor_app(sqlite_engine, anvil, clock)
    assert app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0).clock == "timestamp"
    pid = dao.propose([transfer_call(dao, anvil.accounts[7], 2)], f"Pay 2 FOLK to {anvil.accounts[7]}.")
    dao.mine(1)
    app.sync_governors(community.id)
    window = app.governor_proposal(community.id, str(pid)).window
    assert window.clock == "timestamp" and window.blocks is None and not window.estimated
    assert int(window.starts_at.timestamp()) == window.start_timepoint
    assert window.end_timepoint - window.start_timepoint == VOTING_PERIOD  # seconds on this clock

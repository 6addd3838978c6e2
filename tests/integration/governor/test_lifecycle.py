"""A whole proposal's life on a real OpenZeppelin 5 Governor on anvil, followed by folkmoot:
delegate, propose, vote with several weights (For/Against/Abstain, with reason, with params),
queue, execute, cancel; indexed in small ranges, tallied by voting power, watched, digested."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from eth_utils import keccak

from tests.integration.chain.helpers import send

from .conftest import MANAGER, governor_app
from .dao import (
    ABSTAIN,
    AGAINST,
    FOR,
    TIMELOCK_DELAY,
    UNIT,
    VOTING_DELAY,
    VOTING_PERIOD,
    WEIGHTS,
    transfer_call,
)

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


def chain_now(anvil) -> datetime:
    return datetime.fromtimestamp(anvil.now(), UTC)


def test_a_proposal_from_creation_to_execution(anvil, dao, sqlite_engine, clock, community):
    app = governor_app(sqlite_engine, anvil, clock)
    info = app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    assert (info.kind, info.token.symbol, info.clock, info.timelock) == (
        "OpenZeppelin Governor 5.x", "FOLK", "blocknumber", dao.timelock.address)

    grantee = anvil.accounts[7]
    description = f"# Grant to the builder\n\nTransfer 1,000 FOLK from the treasury to {grantee}.\n"
    calls = [transfer_call(dao, grantee, 1_000)]
    pid = dao.propose(calls, description)
    dao.mine(VOTING_DELAY + 1)
    g = dao.governor.functions
    send(g.castVote(pid, FOR), dao.voters[0])
    send(g.castVoteWithReason(pid, AGAINST, "too early"), dao.voters[1])
    send(g.castVote(pid, ABSTAIN), dao.voters[2])
    send(g.castVoteWithReasonAndParams(pid, FOR, "with params", b"\x01\x02"), dao.voters[3])
    dao.mine(1)

    result = app.sync_governors(community.id)[community.id]
    assert result.ranges > 1 and (result.proposals, result.votes) == (1, 4)  # several small ranges
    proposal = app.governor_proposal(community.id, str(pid))
    assert proposal.state == "active" and proposal.title == "Grant to the builder"
    assert proposal.description == description and proposal.findings == []
    assert proposal.calls[0]["function"] == "transfer(address,uint256)"
    assert proposal.calls[0]["args"][1]["shown"] == "1,000 FOLK"
    assert proposal.window.blocks[1] - proposal.window.blocks[0] == VOTING_PERIOD

    tally = app.governor_tally(community.id, str(pid))
    assert (tally.for_votes, tally.against_votes, tally.abstain_votes) == (
        (WEIGHTS[0] + WEIGHTS[3]) * UNIT, WEIGHTS[1] * UNIT, WEIGHTS[2] * UNIT)
    assert tally.voters == 4 and tally.quorum == 40_000 * UNIT and tally.quorum_reached
    assert tally.turnout == Decimal(sum(WEIGHTS[:4])) / 1_000_000
    assert app.verify_proposal(app.find_proposal(community.id, str(pid))).passed
    stored = app.governors.store.votes(app.governors.store.of_community(community.id).id, str(pid))
    assert [(v.support, v.reason, v.params) for v in stored] == [
        (FOR, "", None), (AGAINST, "too early", None), (ABSTAIN, "", None), (FOR, "with params", "0x0102")]

    clock.set(chain_now(anvil))
    assert [p.proposal_id for p in app.governor_ending_soon(community.id, timedelta(hours=1))] == [str(pid)]

    dao.mine(VOTING_PERIOD)
    app.sync_governors(community.id)
    (action,) = app.governor_watchdog(community.id)
    assert action.action == "queue" and action.call.function == "queue(address[],uint256[],bytes[],bytes32)"
    args = action.call.args
    assert args["descriptionHash"] == "0x" + keccak(text=description).hex()
    send(g.queue(args["targets"], [int(v) for v in args["values"]],
                 [bytes.fromhex(d[2:]) for d in args["calldatas"]], bytes.fromhex(args["descriptionHash"][2:])),
         anvil.accounts[9])
    dao.mine(1)
    app.sync_governors(community.id)
    queued = app.governor_proposal(community.id, str(pid))
    assert queued.state == "queued" and queued.eta is not None
    clock.set(chain_now(anvil))
    assert app.governor_watchdog(community.id) == []  # the timelock delay has not passed

    anvil.w3.provider.make_request("evm_increaseTime", [TIMELOCK_DELAY + 1])
    dao.mine(1)
    clock.set(chain_now(anvil))
    (action,) = app.governor_watchdog(community.id)
    assert action.action == "execute" and action.call.function.startswith("execute(")
    send(g.execute(args["targets"], [int(v) for v in args["values"]],
                   [bytes.fromhex(d[2:]) for d in args["calldatas"]], bytes.fromhex(args["descriptionHash"][2:])),
         anvil.accounts[9])
    dao.mine(1)
    app.sync_governors(community.id)
    assert app.governor_proposal(community.id, str(pid)).state == "executed"
    assert dao.token.functions.balanceOf(grantee).call() == 1_000 * UNIT
    assert app.governor_watchdog(community.id) == []

    # a second proposal, canceled by its proposer while pending
    other = "# Never mind\n\nSend 5 FOLK to nobody in particular."
    pid2 = dao.propose([transfer_call(dao, anvil.accounts[8], 5)], other)
    targets, values, datas, desc_hash = dao.lifecycle([transfer_call(dao, anvil.accounts[8], 5)], other)
    send(g.cancel(targets, values, datas, desc_hash), dao.voters[0])
    dao.mine(1)
    app.sync_governors(community.id)
    assert app.governor_proposal(community.id, str(pid2)).state == "canceled"
    assert [p.proposal_id for p in app.governor_proposals(community.id)] == [str(pid2), str(pid)]

    changes = app.governor_changes(community.id, datetime(2000, 1, 1, tzinfo=UTC))
    kinds = [(c.kind, c.proposal_id) for c in changes]
    for expected in [("proposal_created", str(pid)), ("big_vote", str(pid)), ("quorum_reached", str(pid)),
                     ("queued", str(pid)), ("executed", str(pid)), ("proposal_created", str(pid2)),
                     ("canceled", str(pid2))]:
        assert expected in kinds
    assert sum(k == ("quorum_reached", str(pid)) for k in kinds) == 1

"""Reorganisations: within the confirmation depth nothing unconfirmed is ever stored; deeper than
it, the index rolls back to the common ancestor and reads the new history."""

from __future__ import annotations

import pytest

from tests.integration.chain.helpers import send

from .conftest import MANAGER, governor_app
from .dao import AGAINST, FOR, UNIT, VOTING_DELAY, WEIGHTS, transfer_call

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


def _open_proposal(dao, anvil):
    pid = dao.propose([transfer_call(dao, anvil.accounts[7], 1)], f"Pay 1 FOLK to {anvil.accounts[7]}.")
    dao.mine(VOTING_DELAY + 1)
    return pid


def _indexed_votes(app, community_id, pid):
    gid = app.governors.store.of_community(community_id).id
    return [(v.voter, v.support, int(v.weight)) for v in app.governors.store.votes(gid, str(pid))]


def test_a_reorg_below_the_confirmed_head_rolls_back_and_rereads(anvil, dao, sqlite_engine, clock, community):
    app = governor_app(sqlite_engine, anvil, clock, confirmations=0, range_size=3)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    pid = _open_proposal(dao, anvil)
    fork_point = anvil.snapshot()
    send(dao.governor.functions.castVote(pid, FOR), dao.voters[0])
    dao.mine(2)
    app.sync_governors(community.id)
    assert _indexed_votes(app, community.id, pid) == [(dao.voters[0], FOR, WEIGHTS[0] * UNIT)]

    anvil.revert(fork_point)  # another history: the same voter votes Against, and a second voter joins
    send(dao.governor.functions.castVote(pid, AGAINST), dao.voters[0])
    send(dao.governor.functions.castVote(pid, FOR), dao.voters[1])
    dao.mine(4)
    result = app.sync_governors(community.id)[community.id]
    assert result.rolled_back >= 1
    assert _indexed_votes(app, community.id, pid) == [(dao.voters[0], AGAINST, WEIGHTS[0] * UNIT),
                                                      (dao.voters[1], FOR, WEIGHTS[1] * UNIT)]
    assert app.verify_proposal(app.find_proposal(community.id, str(pid))).passed


def test_a_reorg_within_the_confirmation_depth_never_reaches_the_index(anvil, dao, sqlite_engine, clock, community):
    app = governor_app(sqlite_engine, anvil, clock, confirmations=3, range_size=2)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    pid = _open_proposal(dao, anvil)
    dao.mine(3)
    app.sync_governors(community.id)  # the proposal is confirmed and indexed
    fork_point = anvil.snapshot()
    send(dao.governor.functions.castVote(pid, FOR), dao.voters[0])
    dao.mine(1)
    result = app.sync_governors(community.id)[community.id]
    assert _indexed_votes(app, community.id, pid) == []  # two blocks deep: not confirmed yet
    anvil.revert(fork_point)
    send(dao.governor.functions.castVote(pid, AGAINST), dao.voters[0])
    dao.mine(4)
    result = app.sync_governors(community.id)[community.id]
    assert result.rolled_back == 0
    assert _indexed_votes(app, community.id, pid) == [(dao.voters[0], AGAINST, WEIGHTS[0] * UNIT)]

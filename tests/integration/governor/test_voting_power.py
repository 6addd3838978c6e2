"""The voting-power doctor on real OpenZeppelin 5 and 4.9 Governors with their ERC20Votes tokens on
anvil: every case a member meets (no tokens, never delegated, delegated to someone else and how they
voted, tokens received after the snapshot, voting power), and a token on a timestamp clock."""

from __future__ import annotations

import pytest

from governance.domain.governor.power import PowerCase
from governance.errors import InvalidInput, NotFound
from tests.integration.chain.helpers import send

from .conftest import MANAGER, governor_app
from .dao import FOR, UNIT, VOTING_DELAY, WEIGHTS, deploy_dao, transfer_call
from .wallets import link, member, wallet

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


def holders_in_every_case(anvil, dao):
    """Holder 1 delegates to themself and votes For; holder 2 never delegates; holder 3 delegates to
    holder 1; account 8 holds nothing; account 7 gets holder 4's tokens after the snapshot."""
    h = dao.voters
    send(dao.token.functions.delegate(h[0]), h[0])
    send(dao.token.functions.delegate(h[0]), h[2])
    send(dao.token.functions.delegate(h[3]), h[3])
    pid = dao.propose([transfer_call(dao, anvil.accounts[9], 1)], "# Pay the printer\n\n1 FOLK to the printer.")
    dao.mine(VOTING_DELAY + 1)
    send(dao.governor.functions.castVote(pid, FOR), h[0])
    send(dao.token.functions.transfer(anvil.accounts[7], 50_000 * UNIT), h[3])
    send(dao.token.functions.delegate(anvil.accounts[7]), anvil.accounts[7])
    return pid


@pytest.mark.parametrize("version", [5, 4])
def test_every_case_is_diagnosed(anvil, sqlite_engine, clock, community, version):
    dao = deploy_dao(anvil.w3, version=version)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    holders_in_every_case(anvil, dao)
    app.sync_governors(community.id)
    for index in (1, 2, 3, 7, 8):
        link(app, community.id, index)
    assert app.linked_wallet(community.id, member(1).id) == wallet(1).address.lower()

    voted = app.why_zero(community.id, member=member(1).id)  # the latest active proposal
    assert voted.case is PowerCase.HAS_POWER
    assert voted.power == (WEIGHTS[0] + WEIGHTS[2]) * UNIT  # their own and holder 3's, delegated
    assert "You voted for with 500,000 FOLK" in " ".join(voted.lines)

    never = app.why_zero(community.id, member=member(2).id, reference="1")
    assert (never.case, never.power) == (PowerCase.NOT_DELEGATED, 0)
    assert "250,000 FOLK" in never.headline and "delegated votes only" in never.headline
    assert never.fix.startswith("Delegate to yourself")

    delegated = app.why_zero(community.id, member=member(3).id)
    assert delegated.case is PowerCase.DELEGATED_TO_OTHER
    assert wallet(1).address.lower() in delegated.headline
    assert f"Your delegate {wallet(1).address.lower()} voted for on proposal #1 with 500,000 FOLK." in delegated.lines

    late = app.why_zero(community.id, member=member(7).id)
    assert late.case is PowerCase.RECEIVED_AFTER_SNAPSHOT
    assert "You hold 50,000 FOLK now, delegated to yourself." in late.lines

    nothing = app.why_zero(community.id, member=member(8).id)
    assert (nothing.case, nothing.power) == (PowerCase.NO_TOKENS, 0)

    by_address = app.why_zero(community.id, address=dao.voters[3])  # holder 4, whose tokens left after
    assert by_address.case is PowerCase.HAS_POWER and by_address.power == WEIGHTS[3] * UNIT
    assert by_address.reading.balance_now == (WEIGHTS[3] - 50_000) * UNIT

    with pytest.raises(NotFound, match="not linked a wallet"):
        app.why_zero(community.id, member="discord:999")
    with pytest.raises(InvalidInput, match="not an address"):
        app.why_zero(community.id, address="0x12")
    with pytest.raises(NotFound, match="no proposal #9"):
        app.why_zero(community.id, member=member(1).id, reference="9")


def test_before_the_snapshot_and_without_a_proposal_it_reads_the_present(anvil, sqlite_engine, clock, community):
    dao = deploy_dao(anvil.w3, voting_delay=50)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    link(app, community.id, 2)
    alone = app.why_zero(community.id, member=member(2).id)
    assert (alone.case, alone.reading.proposal_id) == (PowerCase.NOT_DELEGATED, None)
    send(dao.token.functions.delegate(dao.voters[0]), dao.voters[0])
    dao.propose([transfer_call(dao, anvil.accounts[9], 1)], "Later")
    app.sync_governors(community.id)
    pending = app.why_zero(community.id, member=member(2).id)
    assert pending.reading.proposal_number == 1 and not pending.reading.snapshot_final
    assert pending.case is PowerCase.NOT_DELEGATED
    assert any("still counts" in line for line in pending.lines)


def test_a_timestamp_clock_is_read_at_the_snapshot_time(anvil, sqlite_engine, clock, community):
    dao = deploy_dao(anvil.w3, timestamp_clock=True)
    app = governor_app(sqlite_engine, anvil, clock)
    info = app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    assert info.clock == "timestamp"
    send(dao.token.functions.delegate(dao.voters[0]), dao.voters[0])
    dao.propose([transfer_call(dao, anvil.accounts[9], 1)], "On the clock")
    dao.wait(VOTING_DELAY + 1)
    send(dao.token.functions.delegate(dao.voters[1]), dao.voters[1])  # after the snapshot time
    app.sync_governors(community.id)
    link(app, community.id, 1)
    link(app, community.id, 2)
    one = app.why_zero(community.id, member=member(1).id)
    assert one.case is PowerCase.HAS_POWER and one.power == WEIGHTS[0] * UNIT
    assert "clock is timestamps" in one.lines[0] and "Unix time" in one.headline
    two = app.why_zero(community.id, member=member(2).id)
    assert two.case is PowerCase.NOT_DELEGATED  # delegated after the snapshot's time: not counted
    assert any("after the snapshot" in line for line in two.lines) and two.fix is None

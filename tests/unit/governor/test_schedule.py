"""The watchdog and reminder rules over followed proposals, and the token tally's arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from governance.domain.governor import TokenInfo
from governance.domain.governor.schedule import due_actions, ending_soon
from governance.domain.governor.views import ExactCall, GovernorProposal, TokenTally, VotingWindow

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
QUEUE = ExactCall("0xgov", "queue(address[],uint256[],bytes[],bytes32)", {})
EXECUTE = ExactCall("0xgov", "execute(address[],uint256[],bytes[],bytes32)", {})


def proposal(pid: str, state: str, ends: timedelta = timedelta(hours=-1), **kw) -> GovernorProposal:
    window = VotingWindow(1, 2, "blocknumber", NOW - timedelta(days=3), NOW + ends, False)
    return GovernorProposal(pid, f"#{pid}", "", "0xproposer", state, window, [], [], NOW - timedelta(days=3), **kw)


def test_the_watchdog_lists_what_to_queue_execute_and_what_expires():
    proposals = [
        proposal("1", "succeeded", next_call=QUEUE),
        proposal("2", "queued", eta=NOW - timedelta(minutes=1), next_call=EXECUTE),
        proposal("3", "queued", eta=NOW + timedelta(hours=1), next_call=EXECUTE),  # not yet
        proposal("4", "queued", eta=NOW - timedelta(days=13), expires_at=NOW + timedelta(days=1), next_call=EXECUTE),
        proposal("5", "executed"), proposal("6", "defeated"), proposal("7", "active", ends=timedelta(hours=1)),
    ]
    actions = due_actions(proposals, NOW)
    assert sorted((a.proposal_id, a.action) for a in actions) == [("1", "queue"), ("2", "execute"), ("4", "expiring")]
    assert next(a for a in actions if a.proposal_id == "1").call is QUEUE


def test_ending_soon_lists_active_proposals_closing_within_the_window():
    proposals = [proposal("a", "active", ends=timedelta(hours=20)), proposal("b", "active", ends=timedelta(hours=2)),
                 proposal("c", "active", ends=timedelta(days=3)), proposal("d", "pending", ends=timedelta(hours=1))]
    assert [p.proposal_id for p in ending_soon(proposals, NOW, timedelta(days=1))] == ["b", "a"]


def test_a_token_tally_counts_quorum_and_turnout_in_voting_power():
    token = TokenInfo("0xtoken", "ENS", 18)
    tally = TokenTally(token, for_votes=3 * 10**24, against_votes=10**24, abstain_votes=10**24, quorum=4 * 10**24,
                       supply_at_snapshot=10**26, voters=12)
    assert tally.toward_quorum == 4 * 10**24 and tally.quorum_reached
    assert tally.turnout == Decimal("0.05")
    assert tally.shown(tally.for_votes) == "3,000,000 ENS"
    assert TokenTally(token, 1, 0, 0, None, None, 1).quorum_reached is None  # before the snapshot

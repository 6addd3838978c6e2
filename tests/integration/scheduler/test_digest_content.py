"""What a digest says: open proposals with tallies, quorum, time left and forecast; what was decided
since; where to verify; and who wrote the narrative."""

from __future__ import annotations

from datetime import timedelta

import pytest

from governance.adapters.chart import chart_bars, tally_chart
from governance.domain import Outcome, ProposalState, Support
from governance.domain.forecast import Outlook
from governance.services.digest import FALLBACK_LABEL, PLAIN_LABEL, ChangeKind, build_digest
from tests.conftest import member
from tests.integration.scheduler.conftest import add_community, open_proposal
from tests.unit.scheduler.test_chart import png_size

pytestmark = pytest.mark.integration


class FakeLedger:
    def location(self, community_id: int) -> str:
        return f"0xLedger{community_id} on chain 31337"


@pytest.fixture
def history(gov, clock, admin):
    add_community(gov, admin, 1, zone="Europe/Paris")
    since = clock.now()
    decided = open_proposal(gov, 1, timedelta(hours=2), "Paint the shed")
    for n in range(3):
        gov.vote(decided.id, member(n), Support.FOR)
    withdrawn = open_proposal(gov, 1, timedelta(days=2), "Buy a drone")
    gov.withdraw(withdrawn.id, member(0))
    busy = open_proposal(gov, 1, timedelta(days=4), "Plant trees")
    quiet = open_proposal(gov, 1, timedelta(days=1), "Fix the gate")
    clock.advance(timedelta(hours=3))
    gov.close(decided.id)
    for n, support in enumerate((Support.FOR, Support.AGAINST, Support.ABSTAIN, Support.FOR)):
        gov.vote(busy.id, member(n), support)
    return since, decided, withdrawn, busy, quiet


def test_the_digest_lists_what_is_open_and_what_was_decided(gov, clock, history):
    since, decided, withdrawn, busy, quiet = history
    digest = build_digest(gov.uow(), clock, FakeLedger(), 1, since)
    assert [o.id for o in digest.open] == [quiet.id, busy.id]  # soonest deadline first
    busy_item = digest.open[1]
    assert (
        busy_item.tally.for_votes,
        busy_item.tally.against_votes,
        busy_item.tally.abstain_votes,
    ) == (2, 1, 1)
    assert busy_item.quorum_required == 3 and busy_item.forecast.outlook is Outlook.REACHED
    assert busy_item.time_left == timedelta(days=4) - timedelta(hours=3)
    assert digest.open[0].forecast.outlook is Outlook.BEHIND  # nobody in 3 of 24 hours
    assert [(e.id, e.state, e.outcome) for e in digest.ended] == [
        (decided.id, ProposalState.CLOSED, Outcome.PASSED),
        (withdrawn.id, ProposalState.WITHDRAWN, None),
    ]
    assert [c.kind for c in digest.changes].count(ChangeKind.OPENED) == 2
    assert digest.ledger_location == "0xLedger1 on chain 31337" and digest.chain_configured
    assert digest.narrative_label == PLAIN_LABEL and "1 vote closed (#1 passed)" in digest.narrative


def test_nothing_before_since_is_news(gov, clock, history):
    clock.advance(timedelta(minutes=1))
    digest = build_digest(gov.uow(), clock, None, 1, clock.now())
    assert digest.ended == () and not [c for c in digest.changes if c.kind is not ChangeKind.OPEN]
    assert not digest.chain_configured and digest.ledger_location is None


def test_an_injected_narrator_writes_the_narrative_and_a_failing_one_falls_back(
    gov, clock, history
):
    seen = []

    def narrate(items):  # a narrator says who wrote each narrative
        seen.extend(items)
        return "Two proposals are open; the shed will be painted.", "Summary by Qwen2.5-0.5B-Instruct."

    digest = build_digest(gov.uow(), clock, None, 1, history[0], narrate=narrate)
    assert digest.narrative == "Two proposals are open; the shed will be painted."
    assert digest.narrative_label == "Summary by Qwen2.5-0.5B-Instruct." and seen == list(
        digest.changes
    )

    def broken(items):
        raise TimeoutError("model server down")

    digest = build_digest(gov.uow(), clock, None, 1, history[0], narrate=broken)
    assert digest.narrative_label == FALLBACK_LABEL and digest.narrative.startswith("Since")


def test_the_chart_bars_are_the_open_tallies_against_quorum(gov, clock, history):
    *_, busy, quiet = history
    digest = build_digest(gov.uow(), clock, None, 1, history[0])
    chart = tally_chart(chart_bars(digest))
    expected = {p.id: gov.tally(p.id) for p in (busy, quiet)}
    assert [
        (b.label, b.for_votes, b.against_votes, b.abstain_votes, b.quorum) for b in chart.plotted
    ] == [
        (
            f"#{pid} {view.proposal.title}",
            view.tally.for_votes,
            view.tally.against_votes,
            view.tally.abstain_votes,
            view.quorum_required,
        )
        for pid, view in sorted(expected.items(), key=lambda item: item[1].proposal.deadline)
    ]
    assert png_size(chart.png) == (chart.width, chart.height)

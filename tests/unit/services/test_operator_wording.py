"""What operators read says it once and says it right (#12): plurals ("1 server", not "1 servers"),
durations in words ("3 days", not "3 days, 0:00:00"), dates (not "unix time"), shares that never
round to 100% unless they are, and the digest's counts said once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.console import Console

from bot.cli.render import community_table, tally_table
from governance.ai.extractive import ExtractiveWriter
from governance.ai.service import AiService
from governance.application import Governance
from governance.application.assistant import DigestNarrator
from governance.domain import Community, Support
from governance.domain.durations import duration_words
from governance.domain.wording import bps_percent, percent, plural
from governance.services.digest import Change, ChangeKind
from tests.conftest import member
from tests.fakes.ai_records import InMemoryAiRecordStore
from tests.fakes.ledger import relay
from tests.fakes.unit_of_work import InMemoryUnitOfWork
from tests.unit.ai.ai_fakes import HashingEmbedder, ScriptedModel
from tests.unit.services.test_ai_outputs import ai_gov  # noqa: F401  (a fixture)


def rendered(renderable) -> str:
    console = Console(width=200, record=True)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (1, "server", "1 server"), (2, "server", "2 servers"), (0, "community", "0 communities"),
    (1, "community", "1 community"), (1, "sibling hash", "1 sibling hash"), (3, "transaction", "3 transactions"),
])
def test_plurals(count, noun, expected):
    many = "sibling hashes" if noun == "sibling hash" else None
    assert plural(count, noun, many) == expected


@pytest.mark.parametrize(("delta", "expected"), [
    (timedelta(days=3), "3 days"), (timedelta(days=7), "1 week"), (timedelta(days=10), "10 days"),
    (timedelta(hours=36), "1 day 12 hours"), (timedelta(minutes=90), "1 hour 30 minutes"),
])
def test_durations_in_words(delta, expected):
    assert duration_words(delta) == expected


def test_shares_never_round_to_all_or_nothing_unless_they_are():
    assert percent(0.9999) == "99%" and percent(0.99994, 2) == "99.99%" and percent(1.0) == "100%"
    assert percent(0.001) == "1%" and percent(0.0) == "0%" and percent(0.5) == "50%"
    assert bps_percent(9_999) == "99.99%" and bps_percent(5_000) == "50%"


def test_the_cli_says_days_and_the_exact_threshold(gov, community, admin, active):
    gov.configure(community.id, admin, threshold_bps=9_999)
    table = rendered(community_table([Community(id=1, name="G", voting_period=timedelta(days=3))]))
    assert "3 days" in table and "0:00:00" not in table
    caption = rendered(tally_table(gov.tally(active.id)))
    assert "passes with more than 50% For" in caption  # the proposal keeps the threshold it opened with
    gov.configure(community.id, admin, threshold_bps=9_999)
    later = gov.publish(gov.create_draft(community.id, member(0), "Strict", "Only near-unanimity.").id, member(0))
    assert "passes with more than 99.99% For" in rendered(tally_table(gov.tally(later.id)))


def test_provenance_reads_as_dates_and_counts(ai_gov, community, database):  # noqa: F811
    proposal = ai_gov.create_draft(community.id, member(0), "Garden", "We ask 500 DAI for garden.eth.")
    first = ai_gov.summarize(proposal)
    ai_gov.summarize(ai_gov.revise(proposal.id, member(0), body="We ask 600 DAI for garden.eth."))
    ai_gov.anchor_provenance(community.id)
    relay(database)
    details = {item.name: item.detail for item in ai_gov.verify_ai(first.provenance_id).items}
    assert details["batch root"].startswith("2 records under 0x")
    assert details["inclusion proof"] == "1 sibling hash checked by the ledger contract"
    assert "unix time" not in details["root on-chain"] and details["root on-chain"].endswith(" UTC")


def test_the_digest_says_the_counts_once(database, clock, community):
    mute = AiService(model=ScriptedModel(lambda _: ""), extractive=ExtractiveWriter(HashingEmbedder()),
                     store=InMemoryAiRecordStore(database), clock=clock)  # the extractive narrator answers
    app = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, ai=mute, ai_backend="none")
    proposal = app.publish(app.create_draft(community.id, member(0), "Garden", "Beds.").id, member(0))
    for n, support in enumerate([Support.FOR, Support.FOR, Support.AGAINST, Support.ABSTAIN]):
        app.vote(proposal.id, member(n), support)
    clock.advance(timedelta(days=8))
    app.close(proposal.id)
    outcome = app.show(proposal.id).outcome
    text, _ = DigestNarrator(app)([Change(ChangeKind.CLOSED, proposal.id, "Garden",
                                          "passed, 2 for / 1 against / 1 abstain", outcome=outcome)])
    # was: is closed (passed, 2 for / 1 against / 1 abstain): 2 for, 1 against, 1 abstaining.
    assert "is closed (passed): 2 for, 1 against, 1 abstaining." in text, text
    assert text.count("2 for") == 1

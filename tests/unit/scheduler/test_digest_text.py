"""The digest's text: the plain narrative and the sections the terminal and the bot show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from governance.domain import Outcome, ProposalState, Tally
from governance.domain.forecast import forecast_turnout
from governance.scheduler.digest_text import digest_sections, digest_title, render_digest_text
from governance.services.digest import (
    PLAIN_LABEL,
    Change,
    ChangeKind,
    Digest,
    EndedProposal,
    OpenProposal,
    plain_narrative,
)

NOW = datetime(2026, 11, 9, 8, 0, tzinfo=UTC)
SINCE = NOW - timedelta(days=7)


def digest(chain: bool = True, location: str | None = "0xAbC on chain 31337") -> Digest:
    tally = Tally(for_votes=2, against_votes=1)
    deadline = NOW + timedelta(days=1, hours=3)
    open_item = OpenProposal(
        3,
        "Plant trees",
        tally,
        4,
        deadline,
        deadline - NOW,
        Outcome.NO_QUORUM,
        forecast_turnout(3, 4, NOW - timedelta(days=2), deadline, NOW),
    )
    ended = EndedProposal(
        2, "Paint the shed", ProposalState.CLOSED, Outcome.PASSED, Tally(5, 1, 0), NOW
    )
    changes = (
        Change(ChangeKind.CLOSED, 2, "Paint the shed", "passed", outcome=Outcome.PASSED),
        Change(ChangeKind.OPEN, 3, "Plant trees", open_item.forecast.text),
    )
    return Digest(
        42,
        "Test guild",
        "Europe/Paris",
        SINCE,
        NOW,
        plain_narrative(changes, SINCE, "Europe/Paris"),
        PLAIN_LABEL,
        (open_item,),
        (ended,),
        changes,
        location,
        chain,
    )


def test_plain_narrative_is_deterministic_sentences():
    changes = [
        Change(ChangeKind.OPENED, 4, "A", ""),
        Change(ChangeKind.OPENED, 5, "B", ""),
        Change(ChangeKind.CLOSED, 2, "C", "passed", outcome=Outcome.PASSED),
        Change(ChangeKind.WITHDRAWN, 6, "D", ""),
        Change(ChangeKind.OPEN, 4, "A", "quorum reached", quorum_reached=True),
        Change(ChangeKind.OPEN, 5, "B", "too early to tell"),
    ]
    text = plain_narrative(changes, SINCE, "UTC")
    assert text == (
        "Since Mon 02 Nov 08:00, 2 proposals opened for votes (#4, #5); 1 vote closed (#2 passed); "
        "1 proposal withdrawn (#6). 2 proposals are open for votes; 1 of them has reached quorum."
    )
    assert plain_narrative([], SINCE, "UTC") == (
        "Since Mon 02 Nov 08:00, nothing new was opened or decided. No proposal is open for votes."
    )


def test_sections_show_tallies_quorum_time_left_forecast_and_results():
    text = render_digest_text(digest())
    assert digest_title(digest()) == "Governance digest · Test guild · Mon 09 Nov 2026"
    assert (
        "#3 Plant trees — For 2 · Against 1 · Abstain 0 — quorum 3/4 — 1d 3h left — on course"
        in text
    )
    assert "#2 Paint the shed — Passed (5 for / 1 against / 0 abstain)" in text
    assert "Decided since Mon 02 Nov 09:00" in text  # the community's local time
    assert PLAIN_LABEL in text


def test_verification_names_the_command_and_the_ledger():
    headings = dict(digest_sections(digest()))
    assert (
        "/verify <id>" in headings["Verify on-chain"]
        and "0xAbC on chain 31337" in headings["Verify on-chain"]
    )
    assert "not deployed yet" in dict(digest_sections(digest(location=None)))["Verify on-chain"]
    assert (
        "No on-chain ledger"
        in dict(digest_sections(digest(chain=False, location=None)))["Verify on-chain"]
    )

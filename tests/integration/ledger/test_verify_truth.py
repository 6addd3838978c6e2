"""`verify` cannot be fooled: FAIL whenever the chain holds something other than the database, whatever
is still pending; a record the chain refused is FAIL with its reason; PENDING only for the values a
record in flight is about to write. SQLite and PostgreSQL, on py-evm."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from governance.adapters.chain.connection import embedded_chain
from governance.domain import Support
from governance.services.verification import Check
from tests.conftest import GUILD, member

pytestmark = pytest.mark.integration


@pytest.fixture
def connection():
    return embedded_chain()


def checks(report) -> dict[str, Check]:
    return {item.name: item.check for item in report.items}


def test_a_vote_edited_in_the_database_fails_although_another_vote_is_pending(db_chain_gov, db_sync):
    gov = db_chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Dock", "A dock.").id, member(0))
    for n in (1, 2, 3):
        gov.vote(p.id, member(n), Support.FOR)
    db_sync()
    assert gov.verify(p.id).passed
    gov.vote(p.id, member(4), Support.AGAINST)  # not relayed yet
    with gov.uow() as uow:  # someone with database access turns a For into an Against
        uow.session.execute(text("UPDATE vote SET support = 0 WHERE voter = :v"), {"v": member(2).id})
        uow.commit()
    report = gov.verify(p.id)
    assert report.failed
    found = checks(report)
    assert found[f"vote of {member(2).id}"] is Check.FAIL
    assert found[f"vote of {member(4).id}"] is Check.PENDING  # the vote in flight is only pending
    assert found["tally"] is Check.FAIL  # the pending vote cannot explain the difference


def test_a_vote_change_in_flight_is_pending_not_failed(db_chain_gov, db_sync):
    gov = db_chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Shed", "A shed.").id, member(0))
    gov.vote(p.id, member(1), Support.FOR)
    db_sync()
    gov.vote(p.id, member(1), Support.ABSTAIN)
    report = gov.verify(p.id)
    assert not report.failed and not report.passed
    assert checks(report)["tally"] is Check.PENDING
    db_sync()
    assert gov.verify(p.id).passed


def test_an_opening_refused_after_the_grace_is_a_failure_with_its_reason(db_chain_gov, db_sync, chain_clock):
    """The relayer (or its node) was down beyond the ledger's attestation grace: the chain refuses the
    opening for good, and verify says so instead of PENDING forever."""
    gov = db_chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Late", "Opened too late.").id, member(0))
    gov.vote(p.id, member(1), Support.FOR)
    chain_clock.advance(timedelta(days=4))  # 2-day vote + 1-day grace, and a day more
    gov.close(p.id)
    db_sync()
    report = gov.verify(p.id)
    assert report.failed
    failed = {i.name: i.detail for i in report.items if i.check is Check.FAIL}
    assert "LedgerOpeningTooLate" in failed[f"record open:{p.id}"]
    assert checks(report)["voting rules"] is Check.FAIL
    assert gov.chain_status().outbox.get("failed") == 3  # the opening, the vote and the close
    status = gov.chain_status()
    assert [r.key for r in status.failed] == [f"open:{p.id}", f"vote:{p.id}:{member(1).id}:0", f"close:{p.id}"]
    assert "LedgerOpeningTooLate" in status.failed[0].last_error
    assert gov.retry_failed() == 3  # `folkmoot chain retry`: queued again, and refused again (still too late)
    assert gov.chain_status().outbox.get("pending") == 3
    db_sync()
    assert gov.chain_status().outbox.get("failed") == 3 and gov.verify(p.id).failed


def test_a_close_whose_outcome_the_chain_computes_differently_is_an_alert_and_a_failure(
        db_chain_gov, db_sync, chain_clock, caplog):
    gov = db_chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Wall", "A wall.").id, member(0))
    for n in (1, 2, 3):
        gov.vote(p.id, member(n), Support.FOR)
    db_sync()
    chain_clock.advance(timedelta(days=2, seconds=1))
    db_sync()
    gov.close(p.id)
    with gov.uow() as uow:  # the announced outcome, altered before the relayer sends the close
        uow.session.execute(text("UPDATE outbox SET payload = :p WHERE kind = 'close'"),
                            {"p": f'{{"proposal_id": {p.id}, "outcome": "rejected"}}'})
        uow.commit()
    db_sync()
    assert any("ALERT" in r.message and "the chain computed passed" in r.getMessage() for r in caplog.records)
    report = gov.verify(p.id)
    assert report.failed
    failed = {i.name: i.detail for i in report.items if i.check is Check.FAIL}
    assert "database announced rejected" in failed[f"record close:{p.id}"]


def test_folkmoot_verify_exits_3_while_only_pending_and_1_on_a_failure(tmp_path, monkeypatch, capsys):
    import json
    import sqlite3

    from bot.cli import main
    from bot.cli.app import governance, governance_with_chain

    db = tmp_path / "verify.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("FOLKMOOT_CHAIN", "embedded")
    governance.cache_clear()
    governance_with_chain.cache_clear()
    try:
        assert main(["community", "create", "42", "Verify guild"]) == 0
        assert main(["proposal", "create", "--title", "Paint", "--body", "Blue."]) == 0
        capsys.readouterr()
        assert main(["verify", "1", "--json"]) == 3  # the revision is still on its way: only pending
        shown = json.loads(capsys.readouterr().out)
        assert shown["result"] == "pending" and {i["check"] for i in shown["items"]} == {"pass", "pending"}
        with sqlite3.connect(db) as connection:
            connection.execute("UPDATE revision SET body = 'Red.'")
        assert main(["verify", "1", "--json"]) == 1
        assert json.loads(capsys.readouterr().out)["result"] == "fail"
    finally:
        governance.cache_clear()
        governance_with_chain.cache_clear()

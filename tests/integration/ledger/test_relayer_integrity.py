"""One relayer, atomically: the CLI's relay takes the leader lock the bot's chain loop holds; a batch
built before a newer one never lands after it (every outbox move is conditional on its status); a
transaction is confirmed with its rows in one commit, and rows an older version left `sent` under a
settled transaction are recovered. SQLite and PostgreSQL, on py-evm."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.cli import main
from bot.cli.app import governance, governance_with_chain
from governance.adapters.chain.connection import embedded_chain
from governance.adapters.chain.relayer import Relayer, RelayStats
from governance.adapters.chain.steps import next_step
from governance.adapters.sql.leader import leader_lock_for
from governance.domain import Support
from governance.domain.outbox import RecordStatus, StaleRecord
from governance.errors import Unavailable
from tests.conftest import GUILD, member

pytestmark = pytest.mark.integration


@pytest.fixture
def connection():
    return embedded_chain()


def statuses(gov, proposal_id: int) -> dict[str, str]:
    with gov.uow() as uow:
        return {r.key: r.status.value for r in uow.outbox.for_proposal(proposal_id)}


def test_a_relay_waits_while_the_bots_chain_loop_holds_the_relayer_lock(db_chain_gov):
    gov = db_chain_gov
    gov.publish(gov.create_draft(GUILD, member(0), "Gate", "A new gate.").id, member(0))
    bot = gov.chain_loop().lock  # what the bot's chain loop takes before each pass
    assert bot.try_acquire()
    try:
        with pytest.raises(Unavailable, match="another relayer is running"):
            gov.relay()
        assert gov.chain_status().outbox == {"pending": 2}  # nothing sent beside the bot
    finally:
        bot.release()
    report = gov.relay()
    assert report.failed == 0 and gov.chain_status().outbox == {"confirmed": 2}


def test_folkmoot_chain_relay_is_one_line_while_another_relayer_runs(tmp_path, monkeypatch, capsys):
    db = tmp_path / "relay.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("FOLKMOOT_CHAIN", "embedded")
    governance.cache_clear()
    governance_with_chain.cache_clear()
    try:
        assert main(["community", "create", "42", "Relay guild"]) == 0
        assert main(["proposal", "create", "--title", "Paint", "--body", "Blue."]) == 0
        other = leader_lock_for(_engine(db), "folkmoot.relayer")
        assert other.try_acquire()  # another `folkmoot chain relay --watch`, or the bot
        capsys.readouterr()
        assert main(["chain", "relay"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: another relayer is running")
        other.release()
        assert main(["chain", "relay"]) == 0
    finally:
        governance.cache_clear()
        governance_with_chain.cache_clear()


def _engine(db):
    from governance.adapters.sql.engine import make_engine

    return make_engine(f"sqlite:///{db}")


def test_a_stale_batch_never_lands_after_a_newer_one(db_chain_gov, db_sync, engine, connection):
    gov = db_chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Bridge", "A footbridge.").id, member(0))
    db_sync()
    gov.vote(p.id, member(1), Support.FOR)
    stale = Relayer(engine, connection)  # a second relayer that read the outbox a moment ago
    step = next_step(stale.store, 1_000)
    gov.vote(p.id, member(1), Support.AGAINST)  # the member changes their mind
    db_sync()  # the leader relays both
    assert gov.ledger.ballots(GUILD, p.id, [member(1).id])[member(1).id] == int(Support.AGAINST)
    with pytest.raises(StaleRecord, match="no longer pending"):
        stale._perform(step, RelayStats())  # its For would land on top of the newer Against
    assert gov.ledger.ballots(GUILD, p.id, [member(1).id])[member(1).id] == int(Support.AGAINST)
    assert set(statuses(gov, p.id).values()) == {"confirmed"}
    report = gov.verify(p.id)
    assert report.passed, report.items


def test_rows_left_sent_under_a_confirmed_transaction_are_recovered(db_chain_gov, db_sync):
    """What a kill between the two commits of the old confirm left: the transaction confirmed, its rows
    `sent` for good (and verify pending forever)."""
    gov = db_chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Mill", "Repair the mill.").id, member(0))
    for n in range(3):
        gov.vote(p.id, member(n), Support.FOR)
    db_sync()
    assert set(statuses(gov, p.id).values()) == {"confirmed"}
    with gov.uow() as uow:
        uow.session.execute(text("UPDATE outbox SET status = 'sent' WHERE kind = 'vote'"))
        uow.commit()
    stats = db_sync()
    assert stats.sent == 0  # nothing is sent again
    assert set(statuses(gov, p.id).values()) == {"confirmed"}
    report = gov.verify(p.id)
    assert report.passed, report.items


def test_a_confirm_is_one_commit(db_chain_gov, db_sync, engine, connection):
    """A crash inside the confirm's transaction leaves the transaction mined and its rows sent; the next
    pass confirms both."""
    gov = db_chain_gov
    p = gov.publish(gov.create_draft(GUILD, member(0), "Kiln", "A kiln.").id, member(0))
    gov.vote(p.id, member(1), Support.AGAINST)

    class Killed(Exception):
        pass

    def crash(step: str) -> None:
        if step == "before_settle_commit":
            raise Killed

    relayer = Relayer(engine, connection, hook=crash)
    with pytest.raises(Killed):
        relayer.relay()
    with gov.uow() as uow:
        txs = dict(uow.session.execute(text("SELECT status, count(*) FROM chain_tx GROUP BY status")).all())
    assert "confirmed" not in txs
    assert "confirmed" not in set(statuses(gov, p.id).values())
    db_sync()
    db_sync()
    assert set(statuses(gov, p.id).values()) == {RecordStatus.CONFIRMED.value}
    assert gov.verify(p.id).passed

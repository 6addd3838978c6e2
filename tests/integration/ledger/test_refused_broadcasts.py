"""The operator's recorder key, as `folkmoot chain relay` meets it on anvil: a key that cannot pay for
gas is one line (exit 2), and once a funded key is set the relay goes on; a transaction the node
refused is never re-sent forever: confirmed unmined, it is dropped and its records signed again
with the current key, and the relay says so; a key without the recorder role is one line, and the
records wait (never marked failed)."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from eth_account import Account

from bot.cli import main
from bot.cli.app import governance, governance_with_chain
from governance.adapters.chain.connection import rpc_chain
from governance.adapters.chain.relayer import Relayer
from governance.adapters.sql.engine import make_engine
from governance.ports import ChainRefused
from tests.integration.ledger.conftest import ANVIL_KEY, ANVIL_SECOND_KEY

pytestmark = [pytest.mark.integration, pytest.mark.anvil]
UNFUNDED_KEY = "0x" + "5a" * 32  # no ether on a fresh anvil


class CrashAfterSigning(Exception):
    """What a relayer killed between storing a signed transaction and sending it leaves behind."""


@pytest.fixture
def operator_env(tmp_path, monkeypatch, anvil_node):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "operator.db"
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("FOLKMOOT_CHAIN", "rpc")
    monkeypatch.setenv("FOLKMOOT_CHAIN_RPC_URL", anvil_node.w3.provider.endpoint_uri)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level

    def use_key(key: str) -> None:
        monkeypatch.setenv("FOLKMOOT_CHAIN_PRIVATE_KEY", key)
        governance.cache_clear()
        governance_with_chain.cache_clear()

    use_key(UNFUNDED_KEY)
    assert main(["community", "create", "42", "Operator guild"]) == 0
    assert main(["proposal", "create", "--title", "Paint the shed", "--body", "Blue, two coats."]) == 0
    use_key.db = db
    yield use_key
    governance.cache_clear()
    governance_with_chain.cache_clear()
    root.handlers[:] = handlers
    root.setLevel(level)


def rows(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_an_unfunded_key_is_one_line_then_a_funded_key_relays(operator_env, capsys):
    capsys.readouterr()
    assert main(["chain", "relay"]) == 2
    out, err = capsys.readouterr()
    unfunded = Account.from_key(UNFUNDED_KEY).address
    assert err.count("\n") == 1 and err.startswith("error: the chain at http://127.0.0.1:")
    assert f"the recorder {unfunded} cannot pay for gas" in err and "FOLKMOOT_CHAIN_PRIVATE_KEY" in err
    assert "Traceback" not in out + err and UNFUNDED_KEY[2:] not in out + err
    assert rows(operator_env.db, "SELECT count(*) FROM chain_tx") == [(0,)]  # nothing left to resend
    assert rows(operator_env.db, "SELECT DISTINCT status FROM outbox") == [("pending",)]

    operator_env(ANVIL_KEY)
    assert main(["chain", "relay"]) == 0
    out = capsys.readouterr().out
    assert "Deployed the ledger of community 42 at 0x" in out and "(chain 31337, block" in out
    assert "confirmed 1 record" in out
    assert rows(operator_env.db, "SELECT DISTINCT status FROM outbox") == [("confirmed",)]


def test_a_refused_transaction_left_signed_is_dropped_and_signed_again(operator_env, capsys, anvil_node):
    db_url = f"sqlite:///{operator_env.db}"

    def crash(step: str) -> None:
        if step == "after_sign":
            raise CrashAfterSigning

    stuck = Relayer(make_engine(db_url), rpc_chain(anvil_node.w3.provider.endpoint_uri, UNFUNDED_KEY), hook=crash)
    with pytest.raises(CrashAfterSigning):
        stuck.relay()
    [(stuck_hash, status)] = rows(operator_env.db, "SELECT tx_hash, status FROM chain_tx")
    assert status == "signed"
    # the funded key's relayer meets it first: the node refuses it (its sender cannot pay), it was never mined
    operator_env(ANVIL_SECOND_KEY)
    capsys.readouterr()
    assert main(["chain", "relay"]) == 0
    out = capsys.readouterr().out
    funded = Account.from_key(ANVIL_SECOND_KEY).address
    assert f"Dropped transaction {stuck_hash} (deploy, nonce 0 of {Account.from_key(UNFUNDED_KEY).address})" in out
    assert "never mined" in out and f"signed again with {funded}" in out
    assert "Deployed the ledger of community 42" in out
    assert rows(operator_env.db, "SELECT DISTINCT status FROM outbox") == [("confirmed",)]
    assert rows(operator_env.db, f"SELECT count(*) FROM chain_tx WHERE tx_hash = '{stuck_hash}'") == [(0,)]
    assert main(["chain", "relay"]) == 0  # and nothing is re-sent afterwards
    assert "Dropped" not in capsys.readouterr().out


def test_a_key_without_the_recorder_role_is_one_line_and_the_records_wait(operator_env, capsys, anvil_node):
    operator_env(ANVIL_KEY)
    assert main(["chain", "relay"]) == 0  # the ledger is deployed; ANVIL_KEY records on it
    assert main(["proposal", "create", "--title", "A second one", "--body", "Green."]) == 0
    operator_env(ANVIL_SECOND_KEY)  # funded, but not the ledger's recorder
    capsys.readouterr()
    assert main(["chain", "relay"]) == 2
    out, err = capsys.readouterr()
    second = Account.from_key(ANVIL_SECOND_KEY).address
    assert err.count("\n") == 1 and f"the ledger refuses the recorder key {second}: it lacks the recorder role" in err
    assert "Traceback" not in out + err
    assert rows(operator_env.db, "SELECT status FROM outbox ORDER BY id") == [("confirmed",), ("pending",)]
    relayer = Relayer(make_engine(f"sqlite:///{operator_env.db}"),
                      rpc_chain(anvil_node.w3.provider.endpoint_uri, ANVIL_SECOND_KEY))
    with pytest.raises(ChainRefused):  # the bot's chain loop sees the same, and retries later
        relayer.relay()
    operator_env(ANVIL_KEY)
    assert main(["chain", "relay"]) == 0
    assert rows(operator_env.db, "SELECT DISTINCT status FROM outbox") == [("confirmed",)]


def test_close_relays_on_a_node(operator_env, capsys, anvil_node):
    operator_env(ANVIL_KEY)
    assert main(["proposal", "publish", "1", "--period", "1m"]) == 0
    with sqlite3.connect(operator_env.db) as connection:  # as if the minute had passed, here
        connection.execute("UPDATE proposal SET deadline = '2000-01-01 00:00:00' WHERE id = 1")
    anvil_node.w3.provider.make_request("evm_increaseTime", [120])  # and on the chain
    anvil_node.w3.provider.make_request("evm_mine", [])
    capsys.readouterr()
    assert main(["close", "1"]) == 0
    out = capsys.readouterr().out
    assert "Deployed the ledger of community 42" in out and "Relayed: sent" in out
    assert rows(operator_env.db, "SELECT kind, status FROM outbox WHERE kind = 'close'") == [("close", "confirmed")]

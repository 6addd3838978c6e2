"""An environment the operator got wrong is one `error:` line, exit status 2, no traceback and no
secret, for every command `run` included: the database (a missing folder, a server that refuses,
an unknown database or host, a percent-encoded password), the recorder key, a .env that is not
UTF-8, and a chain node that is down."""

from __future__ import annotations

import logging
import socket
import uuid

import pytest
from sqlalchemy import create_engine, text

from bot.cli import main
from bot.cli.app import governance, governance_with_ai, governance_with_chain
from tests.conftest import POSTGRES_URL, _require_postgres

PASSWORD = "Pl4nted-Db-Passw0rd"
API_KEY = "Pl4ntedRpcApiKey123"
COMMANDS = [["proposal", "list"], ["db", "upgrade"], ["community", "list"], ["run"]]


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    for name in ("FOLKMOOT_CHAIN", "FOLKMOOT_CHAIN_RPC_URL", "FOLKMOOT_CHAIN_PRIVATE_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'ok.db'}")
    monkeypatch.setenv("FOLKMOOT_DISCORD_TOKEN", "a-token-never-used")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    for cached in (governance, governance_with_chain, governance_with_ai):
        cached.cache_clear()
    yield monkeypatch
    for cached in (governance, governance_with_chain, governance_with_ai):
        cached.cache_clear()
    root.handlers[:] = handlers
    root.setLevel(level)


def one_line(capsys, *secrets: str) -> str:
    out, err = capsys.readouterr()
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in out + err
    for secret in secrets:
        assert secret not in out + err
    return err


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket closes


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_sqlite_file_in_a_missing_folder(env, capsys, tmp_path, argv):
    env.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'no-such-folder' / 'folkmoot.db'}")
    assert main(argv) == 2
    err = one_line(capsys)
    assert "no-such-folder does not exist" in err and "FOLKMOOT_DATABASE_URL" in err


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_postgresql_refusing_the_connection(env, capsys, argv):
    env.setenv("FOLKMOOT_DATABASE_URL", f"postgresql://folk:{PASSWORD}@127.0.0.1:{closed_port()}/folkmoot")
    assert main(argv) == 2
    assert "refused the connection" in one_line(capsys, PASSWORD)


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_percent_encoded_password_is_neither_a_crash_nor_printed(env, capsys, argv):
    # '%' used to reach configparser's interpolation: a ValueError quoting the whole URL, password and all
    env.setenv("FOLKMOOT_DATABASE_URL", f"postgresql://folk:p%40ss%25{PASSWORD}@127.0.0.1:{closed_port()}/folkmoot")
    assert main(argv) == 2
    err = one_line(capsys, PASSWORD, "p%40ss", "p@ss")
    assert "refused the connection" in err


def test_an_unknown_database_host(env, capsys):
    env.setenv("FOLKMOOT_DATABASE_URL", f"postgresql://folk:{PASSWORD}@no-such-host.invalid/folkmoot")
    assert main(["proposal", "list"]) == 2
    assert "no-such-host.invalid/folkmoot is unknown" in one_line(capsys, PASSWORD)


@pytest.mark.postgres
def test_an_unknown_database_on_a_real_server(env, capsys):
    _require_postgres()
    server = POSTGRES_URL.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{PASSWORD}@")
    env.setenv("FOLKMOOT_DATABASE_URL", server.rsplit("/", 1)[0] + "/folkmoot_no_such_database")
    assert main(["proposal", "list"]) == 2
    assert "that database does not exist" in one_line(capsys, PASSWORD)


@pytest.mark.postgres
def test_a_percent_encoded_password_works_on_a_real_server(env, capsys):
    _require_postgres()
    schema = f"pct_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:  # trust authentication: any password is accepted, so the URL is exercised for real
        url = POSTGRES_URL.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:p%40ss%25{PASSWORD}@")
        env.setenv("FOLKMOOT_DATABASE_URL", f"{url}?options=-csearch_path%3D{schema}")
        assert main(["community", "create", "42", "Percent guild"]) == 0
        assert main(["community", "list"]) == 0
        out, err = capsys.readouterr()
        assert "Percent guild" in out and PASSWORD not in out + err and "p%40ss" not in out + err
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.parametrize("key", ["0" * 64, "f" * 64,
                                 "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"],
                         ids=["zero", "above the order", "the order itself"])
@pytest.mark.parametrize("argv", [["chain", "status"], ["run"]], ids=" ".join)
def test_a_private_key_outside_the_curve(env, capsys, key, argv):
    env.setenv("FOLKMOOT_CHAIN", "rpc")
    env.setenv("FOLKMOOT_CHAIN_RPC_URL", "http://127.0.0.1:8545")
    env.setenv("FOLKMOOT_CHAIN_PRIVATE_KEY", "0x" + key)
    assert main(argv) == 2
    err = one_line(capsys, key)
    assert err.startswith("error: FOLKMOOT_CHAIN_PRIVATE_KEY: not a valid private key")


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_dotenv_that_is_not_utf8(env, capsys, tmp_path, argv):
    (tmp_path / ".env").write_bytes(b"FOLKMOOT_LOG_LEVEL=INFO\nFOLKMOOT_COMMENT=caf\xe9\n")
    assert main(argv) == 2
    err = one_line(capsys)
    assert ".env" in err and "not UTF-8" in err and "0xe9" in err


@pytest.mark.parametrize("argv", [["chain", "deploy", "--community", "42"], ["chain", "relay"], ["chain", "status"]],
                         ids=" ".join)
def test_a_chain_node_that_is_down(env, capsys, argv):
    assert main(["community", "create", "42", "Guild"]) == 0
    assert main(["proposal", "create", "--title", "T", "--body", "B"]) == 0
    capsys.readouterr()
    port = closed_port()
    env.setenv("FOLKMOOT_CHAIN", "rpc")
    env.setenv("FOLKMOOT_CHAIN_RPC_URL", f"https://user:{PASSWORD}@127.0.0.1:{port}/v3/{API_KEY}?apikey={API_KEY}x")
    env.setenv("FOLKMOOT_CHAIN_PRIVATE_KEY", "0x" + "11" * 32)
    status = main(argv)
    if argv == ["chain", "status"]:  # reads the database only
        assert status == 0
        out = capsys.readouterr().out
        assert f"https://127.0.0.1:{port}" in out and API_KEY not in out and PASSWORD not in out
        return
    assert status == 2
    err = one_line(capsys, API_KEY, PASSWORD, "11" * 32)
    assert f"the chain at https://127.0.0.1:{port} is unreachable" in err and "FOLKMOOT_CHAIN_RPC_URL" in err


def test_a_bug_prints_an_error_id_and_logs_the_traceback_without_secrets(env, capsys, tmp_path, monkeypatch):
    from bot.cli.commands import community

    def broken(*args, **kwargs):
        raise RuntimeError(f"a bug that quotes {API_KEY}")

    env.setenv("FOLKMOOT_CHAIN_RPC_URL", f"https://h.example/{API_KEY}")
    monkeypatch.setattr(community, "community_table", broken)
    assert main(["community", "list"]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("error: an unexpected failure (error id ") and err.count("\n") == 1
    error_id = err.split("error id ")[1].split(")")[0]
    logged = (tmp_path / "state" / "folkmoot" / "errors.log").read_text()
    assert f"error {error_id}" in logged and "Traceback" in logged and "RuntimeError: a bug that quotes ***" in logged
    assert API_KEY not in logged + err

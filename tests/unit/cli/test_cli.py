"""The CLI: each bad input is one line on stderr, exit status 2, and the database unchanged."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.app import governance


@pytest.fixture
def cli(tmp_path, monkeypatch):
    db = tmp_path / "cli.db"
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    governance.cache_clear()

    def run(*argv: str) -> int:
        return main(list(argv))

    run.db = db
    yield run
    governance.cache_clear()


def snapshot(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return "\n".join(connection.iterdump())


@pytest.fixture
def seeded(cli, capsys):
    assert cli("community", "create", "42", "Test guild", "--quorum", "1") == 0
    assert cli("proposal", "create", "--title", "Paint the shed", "--body", "Blue, two coats.") == 0
    assert cli("proposal", "create", "--title", "Closed one", "--body", "Old business.") == 0
    assert cli("proposal", "publish", "2", "--period", "1m") == 0
    # close #2 by moving its deadline into the past, as if the minute had passed
    with sqlite3.connect(cli.db) as connection:
        connection.execute("UPDATE proposal SET deadline = '2000-01-01 00:00:00' WHERE id = 2")
    assert cli("close", "2") == 0
    capsys.readouterr()
    return cli


BAD_INPUTS = {
    "empty title": ["proposal", "create", "--title", "   ", "--body", "text"],
    "200,000-character text": ["proposal", "create", "--title", "Huge", "--body", "x" * 200_000],
    "unknown proposal": ["proposal", "show", "999"],
    "unknown proposal to revise": ["proposal", "revise", "999", "--body", "new"],
    "non-numeric id": ["tally", "abc"],
    "vote on a closed proposal": ["vote", "2", "for", "--as", "7"],
    "invalid choice": ["vote", "1", "maybe", "--as", "7"],
    "vote on a draft": ["vote", "1", "for", "--as", "7"],
    "bad voting period": ["proposal", "publish", "1", "--period", "forever"],
    "close a draft": ["close", "1"],
    "oversize reason": ["vote", "1", "for", "--as", "7", "--reason", "r" * 600],
    "unknown option": ["proposal", "list", "--colour", "red"],
    "control character in title": ["proposal", "create", "--title", "bad\x07bell", "--body", "x"],
    "missing body file": ["proposal", "create", "--title", "T", "--body-file", "/nonexistent/file.md"],
    "unknown community": ["proposal", "create", "--title", "T", "--body", "b", "--community", "7"],
}


@pytest.mark.parametrize("argv", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_one_line_exit_2_and_writes_nothing(seeded, capsys, argv):
    before = snapshot(seeded.db)
    assert seeded(*argv) == 2
    out, err = capsys.readouterr()
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert len(err) < 300
    assert snapshot(seeded.db) == before


def test_happy_path(seeded, capsys):
    assert seeded("proposal", "revise", "1", "--body", "Blue, three coats.") == 0
    assert seeded("proposal", "publish", "1") == 0
    assert seeded("vote", "1", "for", "--as", "7") == 0
    assert seeded("vote", "1", "against", "--as", "7", "--reason", "Too blue") == 0
    assert seeded("tally", "1") == 0
    out = capsys.readouterr().out
    assert "changed from For to Against" in out and "Against" in out
    assert seeded("proposal", "show", "1") == 0
    assert "Blue, three coats." in capsys.readouterr().out
    assert seeded("proposal", "list", "--state", "closed") == 0
    assert "Closed one" in capsys.readouterr().out


def test_markup_in_user_text_is_printed_literally(seeded, capsys):
    assert seeded("proposal", "create", "--title", "[bold red]pwn[/]", "--body", "[link=x]y[/link]") == 0
    assert "[bold red]pwn[/]" in capsys.readouterr().out


def test_bad_configuration_is_one_line(cli, capsys, monkeypatch):
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", "mysql://nope")
    assert cli("proposal", "list") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: FOLKMOOT_DATABASE_URL:") and err.count("\n") == 1


def test_console_script_exits_with_status_2(tmp_path):
    script = Path(sys.executable).with_name("folkmoot")
    result = subprocess.run(
        [str(script), "vote", "1", "maybe", "--as", "x"], capture_output=True, text=True,
        env={"FOLKMOOT_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "PATH": "/usr/bin:/bin"},
        cwd=tmp_path, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: 'maybe' is not a choice; use for, against or abstain."]

"""`folkmoot digest`: printed in the terminal; a dry run leaves no trace."""

from __future__ import annotations

import sqlite3

import pytest

from bot.cli import main
from bot.cli.app import governance
from tests.unit.scheduler.test_chart import png_size

pytestmark = pytest.mark.integration


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    governance.cache_clear()
    yield lambda *argv: main(list(argv))
    governance.cache_clear()


def digest_runs(tmp_path) -> list[tuple]:
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        return connection.execute("SELECT kind, subject, status FROM schedule_run").fetchall()


def test_dry_run_prints_and_records_nothing(cli, tmp_path, capsys):
    assert cli("community", "create", "42", "Test guild", "--quorum", "2") == 0
    assert cli("proposal", "create", "--title", "Paint the shed", "--body", "Blue, two coats.") == 0
    assert cli("proposal", "publish", "1", "--period", "3d") == 0
    assert cli("vote", "1", "for", "--as", "7") == 0
    capsys.readouterr()
    chart = tmp_path / "chart.png"
    assert cli("digest", "--community", "42", "--dry-run", "--chart", str(chart)) == 0
    out = capsys.readouterr().out
    assert (
        "Governance digest · Test guild" in out
        and "#1 Paint the shed" in out
        and "quorum 1/2" in out
    )
    assert "without a language model" in out and "dry run" in out
    assert png_size(chart.read_bytes()) and digest_runs(tmp_path) == []
    assert cli("digest", "--community", "42") == 0
    assert digest_runs(tmp_path) == [("digest", "manual", "posted")]


def test_unknown_community_is_one_line(cli, capsys):
    assert cli("digest", "--community", "99") == 2
    assert capsys.readouterr().err.strip() == "error: Community 99 is not set up; create it first."

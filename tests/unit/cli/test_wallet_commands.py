"""`folkmoot wallet link-url` and `folkmoot web`: a link printed for a member, and every setting that is
missing or wrong one `error:` line with exit status 2, no traceback, no secret."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.cli.app import governance
from governance.config import ConfigError, load_settings

SECRET = "0123456789abcdef" * 3


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.chdir(tmp_path)
    governance.cache_clear()
    yield lambda *argv: main(list(argv))
    governance.cache_clear()


def error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and SECRET not in captured.err + captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    return lines[0]


def test_link_url_prints_a_one_time_link(cli, capsys, monkeypatch):
    monkeypatch.setenv("FOLKMOOT_WEB_URL", "https://vote.example.org/")
    monkeypatch.setenv("FOLKMOOT_WEB_SECRET", SECRET)
    assert cli("community", "create", "42", "Guild") == 0
    assert cli("proposal", "create", "--title", "Shed", "--body", "Paint it.") == 0
    assert cli("proposal", "create", "--title", "Draft", "--body", "Not yet.") == 0
    assert cli("proposal", "publish", "1") == 0
    capsys.readouterr()
    assert cli("wallet", "link-url", "--community", "42", "--as", "111") == 0
    first = capsys.readouterr().out.strip()
    assert first.startswith("https://vote.example.org/w/") and SECRET not in first
    assert cli("wallet", "link-url", "--community", "42", "--as", "111", "--proposal", "1") == 0
    assert capsys.readouterr().out.strip() != first
    assert cli("wallet", "link-url", "--community", "43", "--as", "111") == 2
    assert "not set up" in error_line(capsys)
    assert cli("wallet", "link-url", "--community", "42", "--as", "111", "--proposal", "9") == 2
    assert "#9 does not exist" in error_line(capsys)
    assert cli("wallet", "link-url", "--community", "42", "--as", "111", "--proposal", "2") == 2
    assert "#2 is a draft: voting has not opened yet" in error_line(capsys)


def test_link_url_without_the_page_set_up(cli, capsys):
    assert cli("community", "create", "42", "Guild") == 0
    capsys.readouterr()
    assert cli("wallet", "link-url", "--community", "42", "--as", "111") == 2
    assert "FOLKMOOT_WEB_URL" in error_line(capsys)


@pytest.mark.parametrize(("env", "says"), [
    ({}, "FOLKMOOT_WEB_URL: not set"),
    ({"FOLKMOOT_WEB_URL": "https://v.example.org", "FOLKMOOT_WEB_SECRET": SECRET}, "FOLKMOOT_WEB_BIND: not set"),
    ({"FOLKMOOT_WEB_URL": "https://v.example.org"}, "FOLKMOOT_WEB_SECRET: required"),
    ({"FOLKMOOT_WEB_URL": "v.example.org", "FOLKMOOT_WEB_SECRET": SECRET}, "FOLKMOOT_WEB_URL: must be"),
    ({"FOLKMOOT_WEB_URL": "https://v.example.org", "FOLKMOOT_WEB_SECRET": "short"}, "at least 32"),
    ({"FOLKMOOT_WEB_URL": "https://v.example.org", "FOLKMOOT_WEB_SECRET": SECRET, "FOLKMOOT_WEB_BIND": "8080"},
     "FOLKMOOT_WEB_BIND: must be host:port"),
    ({"FOLKMOOT_WEB_URL": "https://v.example.org", "FOLKMOOT_WEB_SECRET": SECRET,
      "FOLKMOOT_WEB_BIND": "127.0.0.1:8080", "FOLKMOOT_CHAIN": "off"}, "needs a chain"),
])
def test_web_refuses_what_cannot_work_in_one_line(cli, capsys, monkeypatch, env, says):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli("web") == 2
    assert says in error_line(capsys)


def test_the_relay_limits_are_bounded_settings(monkeypatch):
    monkeypatch.setenv("FOLKMOOT_WALLET_BALLOTS_PER_HOUR", "0")
    with pytest.raises(ConfigError, match="FOLKMOOT_WALLET_BALLOTS_PER_HOUR"):
        load_settings()
    monkeypatch.setenv("FOLKMOOT_WALLET_BALLOTS_PER_HOUR", "5")
    monkeypatch.setenv("FOLKMOOT_WALLET_RELAY_DAILY_BUDGET", "100")
    settings = load_settings()
    assert (settings.wallet_ballots_per_hour, settings.wallet_relay_daily_budget) == (5, 100)
    monkeypatch.setenv("FOLKMOOT_WEB_SECRET", SECRET)
    assert SECRET in load_settings().secret_values()  # scrubbed from every log line

"""The CLI for scripts and operators (#12): `--json` that parses with the README's keys, tables that do
not wrap at 80 columns when piped, full hashes, `--help` without `<bool>` and with a description for
every option, `community configure` mirroring /config, `community create` refusing an existing id,
and `close` saying its record is queued for the relayer."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main

from bot.cli import main
from bot.cli.app import app, governance, governance_with_ai, governance_with_chain
from bot.discord.settings.cog import LABELS

PROPOSAL_KEYS = {"id", "community_id", "title", "state", "outcome", "author", "revisions", "content_hash",
                 "created_at", "published_at", "deadline", "closed_at"}
DETAIL_KEYS = PROPOSAL_KEYS | {"body", "eligible", "quorum_required", "threshold_bps", "revision_history", "tally"}
TALLY_KEYS = {"proposal_id", "state", "for", "against", "abstain", "voters", "quorum_required", "quorum_reached",
              "threshold_bps", "standing", "final"}
DIGEST_KEYS = {"community_id", "community_name", "timezone", "since", "generated_at", "narrative", "narrative_label",
               "open", "ended", "ledger", "chain_configured", "recorded", "chart"}
COMMUNITY_KEYS = {"id", "name", "quorum", "threshold_bps", "voting_period_seconds", "voter_role_id",
                  "proposer_role_id", "digest_channel_id", "digest_schedule", "timezone"}
LONG_TITLE = "Keep the library open on Sunday afternoons from April to September, staffed by volunteers"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("FOLKMOOT_CHAIN", raising=False)
    monkeypatch.chdir(tmp_path)
    clear_caches()

    def run(*argv: str) -> int:
        return main(list(argv))

    run.db = tmp_path / "cli.db"
    assert run("community", "create", "42", "Riverside", "--quorum", "2") == 0
    assert run("proposal", "create", "--title", LONG_TITLE, "--body", "Volunteers staff the desk.") == 0
    assert run("proposal", "publish", "1", "--period", "3d") == 0
    for member, choice in (("7", "for"), ("8", "for"), ("9", "against")):
        assert run("vote", "1", choice, "--as", member) == 0
    yield run
    clear_caches()


def clear_caches() -> None:
    for cached in (governance, governance_with_chain, governance_with_ai):
        cached.cache_clear()


def json_of(cli, capsys, *argv: str):
    capsys.readouterr()
    assert cli(*argv) == 0
    return json.loads(capsys.readouterr().out)


def test_json_output_parses_with_stable_keys(cli, capsys):
    [listed] = json_of(cli, capsys, "proposal", "list", "--json")
    assert set(listed) == PROPOSAL_KEYS and listed["title"] == LONG_TITLE and listed["state"] == "active"
    assert len(listed["content_hash"]) == 66
    shown = json_of(cli, capsys, "proposal", "show", "1", "--json")
    assert set(shown) == DETAIL_KEYS and set(shown["tally"]) == TALLY_KEYS
    assert shown["revision_history"][0]["content_hash"] == listed["content_hash"]
    tally = json_of(cli, capsys, "tally", "1", "--json")
    assert set(tally) == TALLY_KEYS
    assert (tally["for"], tally["against"], tally["voters"], tally["standing"]) == (2, 1, 3, "passed")
    digest = json_of(cli, capsys, "digest", "--community", "42", "--dry-run", "--json")
    assert set(digest) == DIGEST_KEYS and digest["recorded"] is False
    assert digest["open"][0]["forecast"]["outlook"] == "reached" and digest["open"][0]["voters"] == 3
    [community] = json_of(cli, capsys, "community", "list", "--json")
    assert set(community) == COMMUNITY_KEYS and community["quorum"] == {"kind": "count", "voters": 2}
    status = json_of(cli, capsys, "chain", "status", "--json")
    assert set(status) == {"chain", "outbox", "ledgers", "failed"} and status["outbox"] == {"pending": 5}  # revision, opening, three votes
    assert status["failed"] == []


def test_every_listed_command_offers_json():
    root = typer.main.get_command(app)
    for path in (["proposal", "list"], ["proposal", "show"], ["tally"], ["digest"], ["chain", "status"],
                 ["community", "list"], ["community", "configure"], ["governor", "check"], ["governor", "attach"],
                 ["governor", "sync"], ["governor", "list"], ["governor", "show"], ["governor", "tally"],
                 ["governor", "watch"]):
        command = root
        for name in path:
            command = command.commands[name]
        assert "--json" in [opt for p in command.params for opt in p.opts], path


def commands(group: click.Command, prefix: tuple[str, ...] = ()):
    yield prefix, group
    for name, command in getattr(group, "commands", {}).items():
        yield from commands(command, (*prefix, name))


def test_help_reads_cleanly(capsys):
    root = typer.main.get_command(app)
    for path, command in commands(root):
        for param in command.params:
            if isinstance(param, click.Option):
                assert (param.help or "").strip(), f"folkmoot {' '.join(path)} {param.opts[0]} has no description"
        assert main([*path, "--help"]) == 0
        out = capsys.readouterr().out
        assert "<bool>" not in out, f"folkmoot {' '.join(path)} --help"
    assert main(["proposal", "list", "--help"]) == 0
    assert "--limit" in (help_text := capsys.readouterr().out) and "At most this many" in help_text


def test_piped_tables_do_not_wrap_and_hashes_are_whole(cli, tmp_path):
    script = Path(sys.executable).with_name("folkmoot")
    env = {"FOLKMOOT_DATABASE_URL": f"sqlite:///{cli.db}", "PATH": "/usr/bin:/bin"}
    listed = subprocess.run([str(script), "proposal", "list"], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=120)
    assert listed.returncode == 0
    row = next(line for line in listed.stdout.splitlines() if LONG_TITLE in line)  # one row, one line
    assert len(row) > 80 and "active" in row
    shown = subprocess.run([str(script), "proposal", "show", "1"], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=120)
    content_hash = sqlite3.connect(cli.db).execute("SELECT content_hash FROM revision").fetchone()[0]
    assert shown.stdout.count(content_hash) == 2 and "…" not in shown.stdout  # the facts and the history


def test_full_hashes_even_in_an_80_column_terminal(cli, capsys, monkeypatch):
    from rich.console import Console

    from bot.cli import render

    monkeypatch.setattr(render, "console", Console(width=80, force_terminal=True, highlight=False))
    monkeypatch.setattr("bot.cli.commands.proposals.console", render.console)
    assert cli("proposal", "show", "1") == 0
    out = capsys.readouterr().out
    content_hash = sqlite3.connect(cli.db).execute("SELECT content_hash FROM revision").fetchone()[0]
    folded = "".join(ch for ch in out if ch in "0123456789abcdefx")
    assert content_hash in folded and "…" not in out


def test_community_configure_mirrors_config_and_create_refuses_an_existing_id(cli, capsys):
    assert cli("community", "create", "42", "Riverside again", "--quorum", "9") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Community 42 already exists") and "folkmoot community configure 42" in err
    changed = json_of(cli, capsys, "community", "configure", "42", "--quorum", "20%", "--threshold", "66.5",
                      "--period", "2w", "--voter-role", "900000000000000100", "--proposer-role", "everyone",
                      "--digest-channel", "900000000000000200", "--digest-schedule", "0 17 * * fri",
                      "--timezone", "Europe/Paris", "--json")
    assert changed == {"id": 42, "name": "Riverside", "quorum": {"kind": "share", "share_bps": 2000},
                       "threshold_bps": 6650, "voting_period_seconds": 14 * 86_400,
                       "voter_role_id": 900000000000000100, "proposer_role_id": None,
                       "digest_channel_id": 900000000000000200, "digest_schedule": "0 17 * * fri",
                       "timezone": "Europe/Paris"}
    configure = typer.main.get_command(app).commands["community"].commands["configure"]
    options = {opt for p in configure.params for opt in p.opts}
    cli_option = {"digest_channel_id": "--digest-channel", "digest_cron": "--digest-schedule",
                  "voting_period": "--period", "quorum": "--quorum", "threshold_bps": "--threshold",
                  "eligible_role_id": "--voter-role", "proposer_role_id": "--proposer-role"}
    assert set(cli_option) == set(LABELS) and set(cli_option.values()) <= options  # everything /config sets
    for bad in (["--timezone", "Mars/Olympus"], ["--digest-schedule", "every day"], ["--voter-role", "admins"]):
        assert cli("community", "configure", "42", *bad) == 2
        assert capsys.readouterr().err.startswith("error: ")


def test_close_says_the_record_is_queued_for_the_relayer(cli, capsys):
    with sqlite3.connect(cli.db) as connection:
        connection.execute("UPDATE proposal SET deadline = '2000-01-01 00:00:00' WHERE id = 1")
    capsys.readouterr()
    assert cli("close", "1") == 0
    out = capsys.readouterr().out
    assert "queued for the relayer" in out and "folkmoot chain relay" in out


def test_the_embedded_chain_warning_comes_once_and_only_where_the_chain_is_used(cli, capsys, monkeypatch):
    from governance import bootstrap

    bootstrap._warn_embedded.cache_clear()  # once per process: this test plays a fresh process
    monkeypatch.setenv("FOLKMOOT_MODEL_BACKEND", "extractive")
    capsys.readouterr()
    for argv in (["proposal", "list"], ["tally", "1"], ["community", "list"], ["draft", "A bench by the pond."],
                 ["digest", "--community", "42", "--dry-run"]):
        assert cli(*argv) == 0
        assert "embedded chain" not in capsys.readouterr().err, argv
    assert cli("chain", "status") == 0 and cli("chain", "relay") == 0
    assert capsys.readouterr().err.count("recording to the embedded chain") == 1

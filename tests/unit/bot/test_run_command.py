"""`folkmoot run`: a missing or rejected token is one clear line on stderr, never a traceback."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.cli import main
from bot.discord.runner import TOKEN_MISSING, TOKEN_REJECTED
from tests.e2e.fake_discord import FakeDiscord


@pytest.fixture
def environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.delenv("FOLKMOOT_DISCORD_TOKEN", raising=False)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield monkeypatch
    root.handlers[:] = handlers  # `run` configures logging for the process; undo it
    root.setLevel(level)
    logging.getLogger("discord").setLevel(logging.NOTSET)


@pytest.mark.parametrize("token", [None, "", "   "])
def test_a_missing_token_is_one_line(environment, capsys, token):
    if token is not None:
        environment.setenv("FOLKMOOT_DISCORD_TOKEN", token)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {TOKEN_MISSING}\n"


async def test_a_rejected_token_is_one_line(environment, capsys):
    server = await FakeDiscord(token="the-real-token").start()
    environment.setenv("FOLKMOOT_DISCORD_TOKEN", "a-reset-token")
    try:
        with server.redirect():
            status = await asyncio.wait_for(asyncio.to_thread(main, ["run"]), 60)
    finally:
        await server.stop()
    assert status == 2
    err = capsys.readouterr().err
    assert err.endswith(f"\nerror: {TOKEN_REJECTED}\n") and err.count("error:") == 1  # after the start-up log
    assert "Traceback" not in err
    assert [(c.method, c.path) for c in server.calls] == [("GET", "/users/@me")]  # it stopped at login

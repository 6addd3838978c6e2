"""`folkmoot governor attach|sync|list|show|tally|watch` against a real Governor on anvil."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from tests.integration.chain.helpers import send

from .dao import FOR, UNIT, VOTING_DELAY, VOTING_PERIOD, WEIGHTS, transfer_call
from .test_crash_and_bad_input import _env

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


def run_json(capsys, *args) -> object:
    assert main([*args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_the_governor_commands(anvil, dao, sqlite_engine, community, monkeypatch, capsys):
    for name, value in _env(anvil, sqlite_engine).items():
        if name.startswith("FOLKMOOT_"):
            monkeypatch.setenv(name, value)
    c = str(community.id)
    info = run_json(capsys, "governor", "attach", "--community", c, "--address", dao.governor.address,
                    "--from-block", "0")
    assert info["kind"] == "OpenZeppelin Governor 5.x" and info["token"]["symbol"] == "FOLK"
    pid = dao.propose([transfer_call(dao, anvil.accounts[7], 3)], f"# Three\n\nPay 3 FOLK to {anvil.accounts[7]}.")
    dao.mine(VOTING_DELAY + 1)
    send(dao.governor.functions.castVote(pid, FOR), dao.voters[0])
    dao.mine(VOTING_PERIOD + 1)
    synced = run_json(capsys, "governor", "sync", "--range-size", "4")
    assert synced[c]["proposals"] == 1 and synced[c]["votes"] == 1

    (listed,) = run_json(capsys, "governor", "list", "--community", c)
    assert (listed["number"], listed["proposal_id"], listed["title"], listed["state"]) == (
        1, str(pid), "Three", "succeeded")
    assert run_json(capsys, "governor", "show", "#1", "--community", c)["proposal_id"] == str(pid)  # by number
    shown = run_json(capsys, "governor", "show", str(pid), "--community", c)
    assert shown["calls"][0]["args"][1]["shown"] == "3 FOLK" and shown["tally"]["for"] == str(WEIGHTS[0] * UNIT)
    tally = run_json(capsys, "governor", "tally", str(pid), "--community", c)
    assert tally["index_matches_chain"] and tally["quorum_reached"]
    (action,) = run_json(capsys, "governor", "watch", "--community", c)
    assert action["action"] == "queue" and action["call"]["args"]["targets"] == [dao.token.address]
    assert action["call"]["calldata"].startswith("0x160cbed7")  # queue(address[],uint256[],bytes[],bytes32)

    for command in (["list"], ["show", str(pid)], ["tally", str(pid)], ["watch"]):  # the tables render too
        assert main(["governor", *command, "--community", c]) == 0
    assert "Three" in capsys.readouterr().out
    assert main(["governor", "show", "12345", "--community", c]) == 2
    assert "has no proposal #12345 (yet): 1 indexed" in capsys.readouterr().err
    unknown = "1" * 40
    assert main(["governor", "show", unknown, "--community", c]) == 2
    assert f"no indexed proposal {unknown}" in capsys.readouterr().err
    assert main(["governor", "list", "--community", "42"]) == 2
    assert capsys.readouterr().err.startswith("error: Community 42 follows no Governor")

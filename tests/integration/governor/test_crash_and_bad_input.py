"""`folkmoot governor sync` killed with SIGKILL in the middle of indexing resumes where it stopped,
with nothing half-stored; bad addresses, the wrong chain and a node that is down are one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.cli import main
from bot.cli.app import governance_with_chain
from tests.integration.chain.helpers import deploy, send

from .conftest import ANVIL_KEY, MANAGER, governor_app
from .dao import FOR, VOTING_DELAY, deploy_dao, transfer_call

pytestmark = [pytest.mark.integration, pytest.mark.anvil]
FOLKMOOT = Path(sys.executable).with_name("folkmoot")


def _env(anvil, engine) -> dict:
    return {**os.environ, "FOLKMOOT_DATABASE_URL": f"sqlite:///{engine.url.database}", "FOLKMOOT_CHAIN": "rpc",
            "FOLKMOOT_CHAIN_RPC_URL": anvil.w3.provider.endpoint_uri, "FOLKMOOT_CHAIN_PRIVATE_KEY": ANVIL_KEY,
            "FOLKMOOT_CHAIN_CONFIRMATIONS": "0"}


def _snapshot(engine) -> dict:
    with engine.connect() as c:
        return {
            "cursor": c.execute(text("SELECT cursor_block FROM governor")).scalar_one(),
            "proposals": c.execute(text("SELECT proposal_id, block_number, description FROM governor_proposal "
                                        "ORDER BY proposal_id")).all(),
            "votes": c.execute(text("SELECT block_number, log_index, voter, support, weight FROM governor_vote "
                                    "ORDER BY block_number, log_index")).all(),
            "events": c.execute(text("SELECT block_number, log_index, kind FROM governor_event "
                                     "ORDER BY block_number, log_index")).all(),
        }


def test_sync_killed_mid_range_resumes_with_nothing_half_stored(anvil, dao, sqlite_engine, clock, community):
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    for n in range(1, 6):  # five proposals, three votes each, spread over some 350 blocks
        pid = dao.propose([transfer_call(dao, anvil.accounts[7], n)], f"Pay {n} FOLK to {anvil.accounts[7]}.")
        dao.mine(VOTING_DELAY + 1)
        for voter in dao.voters[:3]:
            send(dao.governor.functions.castVote(pid, FOR), voter)
        dao.mine(60)
    head = anvil.w3.eth.block_number

    process = subprocess.Popen([str(FOLKMOOT), "governor", "sync", "--range-size", "1"], env=_env(anvil, sqlite_engine),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _snapshot(sqlite_engine)["cursor"] < 60 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    killed = _snapshot(sqlite_engine)
    assert process.returncode == -signal.SIGKILL
    assert 60 <= killed["cursor"] < head, "the kill did not land in the middle of indexing"
    # nothing past the cursor is stored, and nothing before it is missing (checked below against a clean run)
    assert all(row.block_number <= killed["cursor"] for row in killed["votes"] + killed["events"])

    resumed = subprocess.run([str(FOLKMOOT), "governor", "sync", "--range-size", "7"], env=_env(anvil, sqlite_engine),
                             capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    after = _snapshot(sqlite_engine)
    assert after["cursor"] == head
    assert len(after["votes"]) == 15 and len(after["proposals"]) == 5
    assert len(after["events"]) == 5  # created
    assert killed["votes"] == after["votes"][: len(killed["votes"])]


def test_bad_addresses_and_chains_are_one_line_and_store_nothing(anvil, dao, sqlite_engine, clock, community,
                                                                 monkeypatch, capsys):
    for name, value in _env(anvil, sqlite_engine).items():
        if name.startswith("FOLKMOOT_"):
            monkeypatch.setenv(name, value)
    w3, admin = anvil.w3, anvil.accounts[0]
    plain = deploy(w3, "TestPlainToken", "Plain", "PLN", 6, admin, 10**12, sender=admin)
    wrong_token = deploy(w3, "TestGovernor", "Wrong", plain.address, dao.timelock.address, 1, 10, 0, 4, sender=admin)
    bravo = deploy(w3, "BravoShapedGovernor", dao.timelock.address, plain.address, sender=admin)
    cases = [
        (anvil.accounts[5], "no contract at"),
        (plain.address, "not a Governor"),
        (bravo.address, "GovernorBravo"),
        (wrong_token.address, "not a votes token"),
        ("0x1234", "not an address"),
    ]
    for address, expected in cases:
        code = main(["governor", "attach", "--community", str(community.id), "--address", address])
        err = capsys.readouterr().err
        assert code == 2 and err.startswith("error: ") and err.count("\n") == 1 and expected in err, err
    code = main(["governor", "attach", "--community", str(community.id), "--address", dao.governor.address,
                 "--chain-id", "1"])
    assert code == 2 and "not chain 1" in capsys.readouterr().err
    with sqlite_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM governor")).scalar_one() == 0

    assert main(["governor", "attach", "--community", str(community.id), "--address", dao.governor.address]) == 0
    capsys.readouterr()
    monkeypatch.setenv("FOLKMOOT_CHAIN_RPC_URL", "http://127.0.0.1:9")  # nothing listens there
    governance_with_chain.cache_clear()  # as a new `folkmoot` process would, read the new setting
    assert main(["governor", "sync"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The chain cannot be reached") and err.count("\n") == 1


def test_a_node_on_another_chain_is_refused_at_sync(anvil, dao, sqlite_engine, clock, community):
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    from .conftest import anvil_chain, connection_to  # a second, unrelated chain

    # Same chain id; a genesis timestamp of its own, so its genesis hash differs even when both
    # nodes start within the same second (the genesis hash is what tells two dev chains apart).
    other = anvil_chain(extra_args=("--timestamp", str(anvil.w3.eth.get_block(0)["timestamp"] + 1_000)))
    try:
        deploy_dao(other.w3)
        elsewhere = governor_app(sqlite_engine, other, clock)
        from governance.errors import InvalidInput

        with pytest.raises(InvalidInput, match="attached on chain 31337, but the configured node serves another chain"):
            elsewhere.sync_governors(community.id)
        assert connection_to(other).description == "anvil (test)"
    finally:
        other.close()

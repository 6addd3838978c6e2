"""`folkmoot governor why-zero|delegation|delegate` against a real Governor on anvil."""

from __future__ import annotations

import json

import pytest
from eth_account import Account
from eth_account.messages import encode_typed_data

from bot.cli import main

from .conftest import governor_app
from .dao import UNIT, VOTING_DELAY, WEIGHTS, deploy_dao, transfer_call
from .test_crash_and_bad_input import _env
from .test_voting_power import holders_in_every_case
from .wallets import link, member, wallet

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


def run_json(capsys, *args) -> dict:
    assert main([*args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_why_zero_and_a_delegation_from_the_command_line(anvil, sqlite_engine, clock, community, monkeypatch,
                                                          capsys):
    for name, value in _env(anvil, sqlite_engine).items():
        if name.startswith("FOLKMOOT_"):
            monkeypatch.setenv(name, value)
    dao = deploy_dao(anvil.w3)  # nobody delegated yet
    c = str(community.id)
    assert main(["governor", "attach", "--community", c, "--address", dao.governor.address, "--from-block", "0"]) == 0
    app = governor_app(sqlite_engine, anvil, clock)
    holders_in_every_case(anvil, dao)
    assert main(["governor", "sync", "--community", c]) == 0
    for index in (1, 3):
        link(app, community.id, index)
    capsys.readouterr()

    voted = run_json(capsys, "governor", "why-zero", "--community", c, "--as", member(1).id.split(":")[1])
    assert (voted["case"], voted["power"], voted["vote"]) == (
        "has_power", str(500_000 * 10**18), {"support": "for", "weight": str(500_000 * 10**18)})
    assert voted["proposal"]["number"] == 1 and voted["clock"] == "blocknumber"
    delegated = run_json(capsys, "governor", "why-zero", "--community", c, "--as", "1003", "--proposal", "1")
    assert delegated["case"] == "delegated_to_other" and delegated["delegate_at_snapshot"] == wallet(1).address.lower()
    assert delegated["delegate_vote"]["support"] == "for"
    never = run_json(capsys, "governor", "why-zero", "--community", c, "--address", dao.voters[1])
    assert never["case"] == "not_delegated" and never["has_voted"] is False
    assert main(["governor", "why-zero", "--community", c, "--address", dao.voters[1]]) == 0
    out = capsys.readouterr().out
    assert "never delegated them" in out and "Fix: Delegate to yourself" in out

    for bad, message in ((["--as", "1002", "--address", dao.voters[1]], "one of the two"),
                         (["--as", "1009"], "not linked a wallet"), (["--address", "0xnope"], "not an address"),
                         (["--as", "1001", "--proposal", "7"], "no proposal #7")):
        assert main(["governor", "why-zero", "--community", c, *bad]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and message in err and err.count("\n") == 1

    # holder 3 delegates to themself instead: print what to sign, sign it, relay it
    assert main(["governor", "delegation", "--community", c, "--wallet", wallet(3).address,
                 "--to", wallet(3).address]) == 0
    typed = json.loads(capsys.readouterr().out)
    signature = Account.sign_message(encode_typed_data(full_message=typed), wallet(3).key).signature.to_0x_hex()
    signed = json.dumps({"typed_data": typed, "signature": signature})
    relayed = run_json(capsys, "governor", "delegate", "--community", c, "--as", "1003", "--wallet",
                       wallet(3).address, "--signed", signed)
    assert relayed["delegatee"] == wallet(3).address.lower() and relayed["gas_used"] > 0
    assert dao.token.functions.delegates(wallet(3).address).call() == wallet(3).address
    assert main(["governor", "delegate", "--community", c, "--as", "1003", "--wallet", wallet(3).address,
                 "--signed", signed]) == 2  # the same again: its nonce is spent
    assert "the token expects 1" in capsys.readouterr().err
    assert main(["governor", "delegate", "--community", c, "--as", "1003", "--wallet", wallet(3).address,
                 "--signed", "{not json"]) == 2
    assert capsys.readouterr().err.startswith("error: --signed must be JSON")


def test_a_gas_free_vote_from_the_command_line(anvil, sqlite_engine, clock, community, monkeypatch, capsys):
    for name, value in _env(anvil, sqlite_engine).items():
        if name.startswith("FOLKMOOT_"):
            monkeypatch.setenv(name, value)
    dao = deploy_dao(anvil.w3)
    dao.delegate_all()
    c = str(community.id)
    assert main(["governor", "attach", "--community", c, "--address", dao.governor.address, "--from-block", "0"]) == 0
    pid = dao.propose([transfer_call(dao, anvil.accounts[9], 1)], "# One\n\nOne FOLK.")
    dao.mine(VOTING_DELAY + 1)
    assert main(["governor", "sync", "--community", c]) == 0
    link(governor_app(sqlite_engine, anvil, clock), community.id, 2)
    capsys.readouterr()
    assert main(["governor", "ballot", "1", "against", "--community", c, "--as", "1002", "--reason", "Too soon."]) == 0
    typed = json.loads(capsys.readouterr().out)
    assert typed["primaryType"] == "ExtendedBallot" and typed["message"]["support"] == 0
    signature = Account.sign_message(encode_typed_data(full_message=typed), wallet(2).key).signature.to_0x_hex()
    cast = run_json(capsys, "governor", "cast", "1", "against", "--community", c, "--as", "1002",
                    "--signature", signature, "--reason", "Too soon.")
    assert cast["weight"] == str(WEIGHTS[1] * UNIT) and cast["voter"] == wallet(2).address.lower()
    assert dao.governor.functions.proposalVotes(pid).call()[0] == WEIGHTS[1] * UNIT
    assert main(["governor", "cast", "1", "against", "--community", c, "--as", "1002", "--signature", signature,
                 "--reason", "Too soon."]) == 2
    assert "already voted on proposal #1" in capsys.readouterr().err
    assert main(["governor", "cast", "1", "maybe", "--community", c, "--as", "1002", "--signature", signature]) == 2
    assert capsys.readouterr().err.startswith("error: ")

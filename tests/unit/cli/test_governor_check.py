"""`folkmoot governor check --file`: the proposal id, the decoded calls and the findings; JSON too."""

from __future__ import annotations

import json

from bot.cli import main
from tests.unit.governor.corpus import proposals


def test_check_prints_json_with_id_calls_and_findings(tmp_path, capsys):
    record = next(p for p in proposals() if p["id"] == "ens/ep-6-30")
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"calls": record["calls"], "description": record["description"]}), encoding="utf-8")
    assert main(["governor", "check", "--file", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["proposal_id"] == record["onchain_proposal_id"]
    (call,) = out["calls"]
    assert (call["target"], call["value"], call["function"]) == (
        "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "0", "transfer(address,uint256)")
    assert call["args"][1] == {"name": "amount", "type": "uint256", "value": "125000000000", "shown": "125,000 USDC"}
    assert [f["code"] for f in out["findings"]] == ["recipient_not_in_description"]


def test_check_prints_tables(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"calls": [], "description": "Signal only."}), encoding="utf-8")
    assert main(["governor", "check", "--file", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Proposal id" in out and "executes nothing" in out


def test_a_bad_file_is_one_error_line(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text('{"calls": [{"target": "nope"}], "description": ""}', encoding="utf-8")
    assert main(["governor", "check", "--file", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: call 1: target") and err.count("\n") == 1
    assert main(["governor", "check", "--file", str(tmp_path / "missing.json")]) == 2

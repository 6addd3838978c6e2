"""`folkmoot chain audit-export` (issue 10): the salt, voter ids per member and the database's votes, in
a file only its owner reads, with a warning that the salt de-pseudonymises members; from the file
alone an auditor recomputes every member's voter id."""

from __future__ import annotations

import json
import stat

from eth_utils import keccak

from bot.cli import main
from tests.unit.cli.test_scripting import clear_caches


def test_the_export_lets_an_auditor_recompute_voter_ids(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("FOLKMOOT_CHAIN", "embedded")
    monkeypatch.chdir(tmp_path)
    clear_caches()
    try:
        assert main(["community", "create", "42", "Riverside", "--quorum", "1"]) == 0
        assert main(["proposal", "create", "--title", "Shed", "--body", "Paint it."]) == 0
        assert main(["proposal", "publish", "1", "--period", "3d"]) == 0
        for voter, choice in (("7", "for"), ("8", "against"), ("alice", "abstain")):
            assert main(["vote", "1", choice, "--as", voter]) == 0
        assert main(["chain", "relay"]) == 0
        capsys.readouterr()
        out = tmp_path / "audit.json"
        assert main(["chain", "audit-export", "--community", "42", "--out", str(out)]) == 0
        captured = capsys.readouterr()
        assert "warning: This file holds the community's secret salt" in captured.err
        assert "which Discord member cast which on-chain vote" in captured.err
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        export = json.loads(out.read_text())
        salt = bytes.fromhex(export["salt"].removeprefix("0x"))
        ids = {v["voter"]: v["voter_id"] for v in export["voters"]}
        assert ids["discord:7"] == "0x" + keccak(salt + (7).to_bytes(8, "big")).hex()
        assert ids["cli:alice"] == "0x" + keccak(salt + b"cli:alice").hex()
        assert sorted((v["voter"], v["support"]) for v in export["votes"]) == [
            ("cli:alice", 2), ("discord:7", 1), ("discord:8", 0)]
        assert main(["chain", "audit-export", "--community", "42", "--out", str(out)]) == 2  # never overwrites
        assert main(["chain", "audit-export", "--community", "99", "--out", str(tmp_path / "x.json")]) == 2
        assert not (tmp_path / "x.json").exists()
    finally:
        clear_caches()

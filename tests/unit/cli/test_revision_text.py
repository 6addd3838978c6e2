"""`proposal show N --revision R` (issue 10): the exact text a revision's hash covers, so an auditor can
recompute it; tabs are kept, not expanded; an unknown revision is one error line."""

from __future__ import annotations

import json

from eth_utils import keccak

from bot.cli import main
from tests.unit.cli.test_scripting import clear_caches


def test_a_revisions_printed_text_hashes_to_its_content_hash(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FOLKMOOT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("FOLKMOOT_CHAIN", raising=False)
    clear_caches()
    try:
        assert main(["community", "create", "42", "Riverside"]) == 0
        assert main(["proposal", "create", "--title", "Shed", "--body", "Paint it.\tBlue.   \n\n- two  coats"]) == 0
        assert main(["proposal", "revise", "1", "--body", "Paint it green."]) == 0
        capsys.readouterr()
        assert main(["proposal", "show", "1", "--json"]) == 0
        hashes = [r["content_hash"] for r in json.loads(capsys.readouterr().out)["revision_history"]]
        for number, expected in enumerate(hashes, 1):
            assert main(["proposal", "show", "1", "--revision", str(number)]) == 0
            printed = capsys.readouterr().out
            assert "0x" + keccak(printed.encode("utf-8")).hex() == expected
        assert main(["proposal", "show", "1", "--revision", "1"]) == 0
        assert capsys.readouterr().out == "# Shed\n\nPaint it.\tBlue.\n\n- two  coats"
        assert main(["proposal", "show", "1", "--revision", "3"]) == 2
        assert capsys.readouterr().err.startswith("error: Proposal #1 has no revision 3")
    finally:
        clear_caches()

"""`folkmoot demo`, the README's first command, plays its whole round and ends as it should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def test_the_demo_plays_a_whole_round(tmp_path):
    script = Path(sys.executable).with_name("folkmoot")
    result = subprocess.run([str(script), "demo"], capture_output=True, text=True, cwd=tmp_path,
                            timeout=600, env={"PATH": "/usr/bin:/bin", "COLUMNS": "120",
                                              "HF_HUB_OFFLINE": "1"})
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    for expected in (
        "AI output #1",  # the draft came from the model (or its extractive fallback), with provenance
        "EIP-712 ballot",
        "Reminder: voting on #1",
        "Result of #1 Fund a community garden on the east lot: Passed.",
        "all checks pass",
        "FAILED",  # the tampered vote is caught
        "Row restored from the chain's record; verify again: all checks pass.",
        "Governance digest · Riverside Commons",
    ):
        assert expected in out, expected
    assert "this is a bug" not in out
    assert list(tmp_path.iterdir()) == []  # nothing left behind in the working directory

"""The verify-at-scale benchmark runs end to end on a small storm: both ways pass verify, the one-pass
way makes a handful of eth_calls where the per-voter way makes one per voter (counts only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]


def test_the_verify_benchmark_counts_calls_both_ways():
    done = subprocess.run([sys.executable, "-m", "benchmarks.verify_scale", "--voters", "60"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:5]]
            for line in done.stdout.splitlines() if line.startswith("│")}
    assert rows["one pass (events)"][2] == rows["per voter"][2] == "pass"
    assert int(rows["one pass (events)"][1]) <= 3 and int(rows["per voter"][1]) >= 60
    assert "ratio:" in done.stdout

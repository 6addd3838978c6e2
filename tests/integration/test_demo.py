"""`folkmoot demo`, the README's first command, plays its whole round and ends as it should."""

from __future__ import annotations

import re
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
    out = " ".join(result.stdout.split())  # as read, whatever the terminal's width wrapped
    assert result.returncode == 0, result.stderr[-2000:]
    for expected in (
        "AI output #1",  # the draft came from the model (or its extractive fallback), with provenance
        "EIP-712 ballot",
        "wallet page (SIWE + ballot), relayed gas-free, tx 0x",  # through the page's handlers, no browser
        "Reminder: voting on #1",
        "Result of #1 Fund a community garden on the east lot: Passed.",
        "all checks pass",
        "FAILED",  # the tampered vote is caught
        "Row restored from the chain's record; verify again: all checks pass.",
        "Governance digest · Riverside Commons",
        # the DAO that follows its own OpenZeppelin Governor: a real ENS proposal, decoded and counted
        "(the same id as on mainnet)",
        "📜 New Governor proposal #1 [Executable] Collective Working Group Funding",
        "transfer(to 0x91c32893216dE3eA0a55ABb9851f581d4503d39b, amount 379,000 USDC)",
        "For 450K RIVER · Against 250K RIVER · Abstain 100K RIVER",
        "quorum 550K RIVER of 40K RIVER at the snapshot — reached ✓",
        "No findings: every amount and recipient",
        # /why-zero and the treasury (the snapshot's block depends on how many transactions came before)
        "You have 20,000 RIVER of voting power at proposal #1's snapshot (block ",
        "You held 180,000 RIVER at proposal #1's snapshot (block ",
        "voting ended: passed",
        "Call queue(address[],uint256[],bytes[],bytes32) on",
        "Calldata for a wallet or a Safe's transaction builder: 0x160cbed7",
        "the description does not state 1,100,000 USDC.",
    ):
        assert expected in out, expected
    assert re.search(r"snapshot \(block \d+\)\. Vote before", out)
    assert re.search(r"snapshot \(block \d+\) but had never delegated them", out)
    assert "this is a bug" not in out
    assert list(tmp_path.iterdir()) == []  # nothing left behind in the working directory

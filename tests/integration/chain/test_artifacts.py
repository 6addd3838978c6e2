"""The committed artifacts are exactly what the pinned compiler makes of the sources."""

import json
import os
import shutil
import subprocess

import pytest

from governance.adapters.chain.artifacts import load_artifact

from .backends import REPO

pytestmark = pytest.mark.integration


def test_artifacts_match_sources():
    node = shutil.which("node")
    installed = (REPO / "contracts/node_modules/solc").is_dir()
    if not (node and installed):
        message = "node or contracts/node_modules missing: run `npm ci --prefix contracts`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [node, "contracts/build.mjs", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_published_abi_is_the_deployed_contracts():
    """contracts/abi/ is what an auditor reads the ledger with, without folkmoot."""
    published = json.loads((REPO / "contracts/abi/FolkmootLedger.json").read_text(encoding="utf-8"))
    assert published == load_artifact("FolkmootLedger").abi
    names = {item.get("name") for item in published}
    assert {"castVotesBySig", "SignedBallotsCast", "SignedBallotSkipped", "LedgerOpeningTooLate"} <= names

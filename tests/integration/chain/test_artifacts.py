"""The committed artifacts are exactly what the pinned compiler makes of the sources."""

import os
import shutil
import subprocess

import pytest

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

"""The dependency rules of the design (docs/ARCHITECTURE.md), checked by import-linter (the contracts
are in pyproject.toml, [tool.importlinter]): the core never imports an entry point; only bootstrap
builds adapters (the application, the scheduler, the use cases and the domain import none, nor SQL);
the entry points use the application object, not adapters or SQL; the Discord features do not
import each other; no product module imports a test helper; and no import cycle, at any depth."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout

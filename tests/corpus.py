"""The real DAO proposals of the shared corpus (see its README): `shared/` beside the repository."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

_RELATIVE = Path("shared") / "corpus" / "dao-proposals" / "proposals.jsonl"


def _find() -> Path:
    if os.environ.get("FOLKMOOT_PROPOSAL_CORPUS"):
        return Path(os.environ["FOLKMOOT_PROPOSAL_CORPUS"])
    for parent in Path(__file__).resolve().parents:
        if (parent / _RELATIVE).is_file():
            return parent / _RELATIVE
    return Path(__file__).resolve().parents[2] / _RELATIVE  # where it belongs (missing)


CORPUS = _find()


def proposals() -> list[dict]:
    """The 29 proposals; a test without them fails in CI and is skipped elsewhere."""
    if not CORPUS.is_file():
        message = f"the proposal corpus is missing at {CORPUS}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message, allow_module_level=True)  # called while collecting, too
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]

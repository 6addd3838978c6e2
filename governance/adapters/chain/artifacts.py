"""Load compiled contracts from `contracts/artifacts/` (written by `node contracts/build.mjs`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# The repository root is three packages above this file. That holds for a source checkout and an
# editable install; a wheel does not ship contracts/, hence the explicit error below.
ARTIFACTS_DIR = Path(__file__).resolve().parents[3] / "contracts" / "artifacts"


class ArtifactNotFoundError(FileNotFoundError):
    """The artifact is not there: run `node contracts/build.mjs` in a source checkout."""


@dataclass(frozen=True, slots=True)
class Artifact:
    """A compiled contract: what web3's `w3.eth.contract(abi=..., bytecode=...)` needs."""

    name: str
    abi: list[dict[str, Any]]
    bytecode: str
    deployed_bytecode: str


@cache
def load_artifact(name: str, directory: Path | None = None) -> Artifact:
    """Return the artifact of contract `name` (e.g. "FolkmootLedger")."""
    path = (directory or ARTIFACTS_DIR) / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArtifactNotFoundError(
            f"no compiled contract {name!r} at {path}; artifacts live in a source checkout "
            "(contracts/artifacts, rebuilt by `node contracts/build.mjs`)"
        ) from None
    return Artifact(
        name=data["contractName"],
        abi=data["abi"],
        bytecode=data["bytecode"],
        deployed_bytecode=data["deployedBytecode"],
    )

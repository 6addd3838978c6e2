"""What produced an AI output, as a hashable record (the chain stores its Merkle root).

Canonical serialisation: the record as a JSON object with sorted keys, no
whitespace, UTF-8, non-ASCII unescaped, integers and strings only (floats are
written as decimal strings, since their JSON text differs across languages).

    record_hash = keccak256(canonical_json(record))
    leaf        = keccak256(keccak256(record_hash))

`leaf` equals OpenZeppelin StandardMerkleTree's leaf for the value
`[record_hash]` with types `["bytes32"]` (keccak256(bytes.concat(keccak256(
abi.encode(bytes32))))), so contracts verify it with MerkleProof.verify.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from eth_hash.auto import keccak

from governance.ai.hashing import canonical_json, keccak_hex
from governance.ai.prompts import TemplateRef
from governance.ports import ModelInfo

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ProvenanceRecord:
    task: str  # "summarize" | "draft" | "revise" | "digest" | "similar"
    backend: str
    model_id: str
    model_revision: str
    template_name: str
    template_version: str
    template_hash: str
    prompt_hash: str  # the rendered messages of the final call ("" when no prompt was rendered)
    input_hash: str
    output_hash: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    created_at: str = ""  # ISO 8601 UTC, seconds
    note: str = ""  # e.g. why a fallback was used
    schema: int = SCHEMA_VERSION

    def canonical_json(self) -> bytes:
        return canonical_json(asdict(self) | {"params": dict(self.params)})

    @property
    def record_hash(self) -> str:
        return keccak_hex(self.canonical_json())

    @property
    def leaf(self) -> bytes:
        return leaf_hash(self.record_hash)

    @classmethod
    def from_json(cls, data: str | bytes) -> ProvenanceRecord:
        return cls(**json.loads(data))


def leaf_hash(record_hash: str) -> bytes:
    """OpenZeppelin standard leaf of one bytes32 value: keccak(keccak(abi.encode(value)))."""
    value = bytes.fromhex(record_hash.removeprefix("0x"))
    if len(value) != 32:
        raise ValueError("a record hash is 32 bytes")
    return keccak(keccak(value))  # abi.encode(bytes32) is the 32 bytes themselves


def make_record(
    *,
    task: str,
    model: ModelInfo,
    template: TemplateRef,
    prompt_hash: str,
    input_hash: str,
    output_text: str,
    params: Mapping[str, Any],
    created_at: datetime,
    note: str = "",
) -> ProvenanceRecord:
    return ProvenanceRecord(
        task=task,
        backend=model.backend,
        model_id=model.model_id,
        model_revision=model.revision,
        template_name=template.name,
        template_version=template.version,
        template_hash=template.hash,
        prompt_hash=prompt_hash,
        input_hash=input_hash,
        output_hash=keccak_hex(output_text.encode("utf-8")),
        params={key: _canonical_param(value) for key, value in params.items()},
        created_at=created_at.astimezone(UTC).replace(microsecond=0).isoformat(),
        note=note,
    )


def _canonical_param(value: Any) -> str | int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return repr(value) if isinstance(value, float) else str(value)
    return value

"""keccak-256 hashes as 0x-hex, the project's content-hash format."""

from __future__ import annotations

import json
from typing import Any

from eth_hash.auto import keccak

from governance.domain.text import canonical_text


def keccak_hex(data: bytes) -> str:
    return "0x" + keccak(data).hex()


def text_hash(text: str) -> str:
    """Hash of canonical UTF-8 text (NFC, LF, no trailing spaces), as for proposal revisions."""
    return keccak_hex(canonical_text(text).encode("utf-8"))


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8. Floats are refused: their text differs by language."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def json_hash(value: Any) -> str:
    return keccak_hex(canonical_json(value))


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError(f"canonical JSON takes no floats (got {value!r}); pass a string")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _refuse_floats(item)

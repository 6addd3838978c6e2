"""Human-readable function signatures with parameter names, as folkmoot ships them.

`transfer(address to, uint256 amount)` → the canonical signature, the 4-byte selector, the ABI
types to decode with, and the names to show. Tuples are written inline:
`attest((bytes32 schema, (address recipient, uint64 expirationTime) data) request)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from eth_utils import keccak


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # canonical: "address", "(address,uint256)[]"
    components: tuple[Param, ...] = ()  # for tuples (and arrays of tuples)

    @property
    def is_tuple(self) -> bool:
        return self.type.startswith("(")


@dataclass(frozen=True)
class FunctionSignature:
    name: str
    params: tuple[Param, ...]

    @cached_property
    def canonical(self) -> str:
        return f"{self.name}({','.join(p.type for p in self.params)})"

    @cached_property
    def selector(self) -> str:
        return "0x" + keccak(text=self.canonical)[:4].hex()

    @property
    def types(self) -> list[str]:
        return [p.type for p in self.params]


def parse_signature(text: str) -> FunctionSignature:
    text = text.strip().removeprefix("function ").strip()
    open_at = text.index("(")
    name, inner = text[:open_at].strip(), text[open_at:]
    if not name.isidentifier() or _matching(inner, 0) != len(inner) - 1:
        raise ValueError(f"not a function signature: {text!r}")
    return FunctionSignature(name, _params(inner[1:-1]))


def _params(text: str) -> tuple[Param, ...]:
    return tuple(_param(part) for part in _split(text) if part.strip())


def _param(text: str) -> Param:
    text = text.strip()
    if text.startswith("("):
        close = _matching(text, 0)
        components = _params(text[1:close])
        rest = text[close + 1:]
        suffix, _, name = rest.partition(" ")
        inner = ",".join(c.type for c in components)
        return Param(name.strip(), f"({inner}){suffix.strip()}", components)
    kind, _, name = text.partition(" ")
    return Param(name.strip(), kind.strip())


def _split(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _matching(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return i
    raise ValueError(f"unbalanced parentheses in {text!r}")

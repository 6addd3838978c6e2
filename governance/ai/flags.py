"""A flag: something in an output a reader must not take as fact."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    """Something a reader must not take as fact: kind, the text it marks, where."""

    kind: str  # "ungrounded_number" | "ungrounded_address" | … | "mixed_script" | "restored_fact"
    text: str
    section: str = ""

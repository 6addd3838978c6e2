"""Versioned Jinja2 prompt templates from `prompts/`.

A template file is front-matter (`key: value` lines between `---`) and a body
with two blocks: `system` (our instructions; rendered with trusted variables
only, so untrusted text cannot reach it even by a template mistake) and `user`
(which carries the untrusted data blocks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from governance.ai.hashing import json_hash, keccak_hex
from governance.ports import ChatMessage

DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
TEMPLATE_SUFFIX = ".j2"

_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined,  # a missing variable is a bug, not an empty string
    autoescape=False,  # plain text for a model, not HTML
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


@dataclass(frozen=True)
class TemplateRef:
    """Which template produced a prompt: goes into provenance and the cache key."""

    name: str
    version: str
    hash: str  # keccak of the whole template file, front-matter included


@dataclass(frozen=True)
class RenderedPrompt:
    messages: tuple[ChatMessage, ...]
    template: TemplateRef

    @property
    def hash(self) -> str:
        return json_hash([[m.role, m.content] for m in self.messages])


class PromptTemplate:
    def __init__(self, name: str, source: str):
        meta, body = _split_front_matter(source)
        self.ref = TemplateRef(
            name=meta.get("name", name), version=meta["version"], hash=keccak_hex(source.encode())
        )
        # The headings the answer must have, in order; the validator checks them.
        self.sections = tuple(s.strip() for s in meta.get("sections", "").split("|") if s.strip())
        self.max_new_tokens = int(meta.get("max_new_tokens", "512"))
        # The section that must list every amount, address and recipient of the source.
        self.facts_section = meta.get("facts_section", "").strip() or None
        # Sections a planted instruction must never reach, and where to say it was there.
        self.headlines = tuple(s.strip() for s in meta.get("headlines", "").split("|") if s.strip())
        self.planted_note_section = meta.get("planted_note_section", "").strip() or None
        self._template = _ENV.from_string(body)
        missing = {"system", "user"} - set(self._template.blocks)
        if missing:
            raise ValueError(f"prompt template {name!r} lacks blocks: {sorted(missing)}")

    def render(self, trusted: Mapping[str, Any], data: Mapping[str, str]) -> RenderedPrompt:
        """`trusted` reaches both blocks; `data` (untrusted, already delimited) only `user`."""
        context = {"sections": self.sections, **trusted}
        system = self._block("system", context)
        user = self._block("user", {**context, **data})
        return RenderedPrompt((ChatMessage("system", system), ChatMessage("user", user)), self.ref)

    def _block(self, name: str, variables: Mapping[str, Any]) -> str:
        render = self._template.blocks[name]
        return "".join(render(self._template.new_context(dict(variables)))).strip()


class PromptLibrary:
    """The templates of one directory, loaded once (they are read on every request)."""

    def __init__(self, directory: Path = DEFAULT_PROMPTS_DIR):
        self.directory = directory
        self._templates = {
            path.name.removesuffix(TEMPLATE_SUFFIX): PromptTemplate(
                path.name.removesuffix(TEMPLATE_SUFFIX), path.read_text(encoding="utf-8")
            )
            for path in sorted(directory.glob(f"*{TEMPLATE_SUFFIX}"))
        }

    def get(self, name: str) -> PromptTemplate:
        try:
            return self._templates[name]
        except KeyError:
            raise KeyError(f"no prompt template {name!r} in {self.directory}") from None

    def names(self) -> list[str]:
        return sorted(self._templates)


def _split_front_matter(source: str) -> tuple[dict[str, str], str]:
    lines = source.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ValueError("prompt template must start with '---' front-matter")
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    meta = {}
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        if key.strip():
            meta[key.strip()] = value.strip()
    return meta, "".join(lines[end + 1 :])

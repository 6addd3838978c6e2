"""Every output is checked and made safe here before anyone sees it.

Structure problems (missing sections, an empty answer, an echoed prompt) reject
the output, so the service can retry or fall back. Everything else is repaired:
mentions defused, links unmasked, lengths cut to Discord's limits, and facts the
source does not contain flagged in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from governance.ai.discord_safety import (
    EMBED_DESCRIPTION_LIMIT,
    EMBED_FIELD_LIMIT,
    EMBED_TITLE_LIMIT,
    TLDR_LIMIT,
    balance_code_fences,
    neutralise_mentions,
    unmask_links,
)
from governance.ai.errors import OutputRejected
from governance.ai.grounding import Flag, SourceFacts, flag_ungrounded
from governance.ai.invisible import normalise_for_display
from governance.ai.length import fit
from governance.ai.scripts import flag_mixed_scripts
from governance.ai.sections import parse_sections, render_sections
from governance.ai.untrusted import BLOCK_OPEN
from governance.domain.text import display_width

SHORT_SECTION_LIMITS = {"TL;DR": TLDR_LIMIT, "Title": EMBED_TITLE_LIMIT}


@dataclass(frozen=True)
class OutputSpec:
    """What a task's answer must look like. No sections means free prose."""

    sections: tuple[str, ...] = ()
    total_limit: int = EMBED_DESCRIPTION_LIMIT
    section_limit: int = EMBED_FIELD_LIMIT
    short_limits: Mapping[str, int] = field(default_factory=lambda: dict(SHORT_SECTION_LIMITS))

    def limit_for(self, section: str) -> int:
        return min(self.short_limits.get(section, self.section_limit), self.section_limit)


@dataclass(frozen=True)
class ValidatedOutput:
    sections: tuple[tuple[str, str], ...]  # () for free prose
    text: str  # what may be shown: at most spec.total_limit wide (display_width)
    flags: tuple[Flag, ...]


def validate_output(raw: str, spec: OutputSpec, source: SourceFacts) -> ValidatedOutput:
    text = normalise_for_display(raw).strip()
    if not text:
        raise OutputRejected(["the answer is empty"])
    if BLOCK_OPEN in text:
        raise OutputRejected(["the answer repeats the data delimiters instead of answering"])
    if not spec.sections:
        body, flags = _clean(text, "", spec.total_limit, source)
        return ValidatedOutput((), body, tuple(flags))
    found = parse_sections(text, spec.sections)
    missing = [name for name in spec.sections if not found.get(name)]
    if missing:
        raise OutputRejected([f"missing or empty sections: {', '.join(missing)}"])
    if "Title" in found:
        found["Title"] = " ".join(found["Title"].split())
    return _fit_sections(found, spec, source)


def _fit_sections(found: dict[str, str], spec: OutputSpec, source: SourceFacts) -> ValidatedOutput:
    limits = {name: spec.limit_for(name) for name in spec.sections}
    while True:
        cleaned = {name: _clean(found[name], name, limits[name], source) for name in spec.sections}
        sections = tuple((name, cleaned[name][0]) for name in spec.sections)
        text = render_sections(sections)
        overflow = display_width(text) - spec.total_limit
        if overflow <= 0:
            flags = tuple(flag for name in spec.sections for flag in cleaned[name][1])
            return ValidatedOutput(sections, text, flags)
        # Shorten the longest section by the overflow and try again.
        longest = max(spec.sections, key=lambda name: display_width(cleaned[name][0]))
        limits[longest] = max(display_width(cleaned[longest][0]) - overflow, 1)


def _clean(body: str, section: str, limit: int, source: SourceFacts) -> tuple[str, list[Flag]]:
    body = neutralise_mentions(unmask_links(body))
    flags: list[Flag] = []

    def decorate(cut: str) -> str:
        cut, ungrounded = flag_ungrounded(cut, source, section)
        cut, mixed = flag_mixed_scripts(cut, section)
        flags[:] = ungrounded + mixed
        return balance_code_fences(cut)

    return fit(body, limit, decorate), flags

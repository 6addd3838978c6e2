"""Every output is checked and made safe here before anyone sees it.

Structure problems (missing sections, an empty answer, an echoed prompt, a headline
that repeats text addressed to an AI) reject the output, so the service can retry or
fall back. Everything else is repaired: mentions defused, links unmasked, lengths cut
to Discord's limits, facts the source does not contain flagged in place, look-alike
addresses flagged, facts of the source the answer left out added back (flagged), and a
note when the source holds text addressed to an AI.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from governance.ai.amounts import AMOUNT, RESTORED_MARK
from governance.ai.confusables import flag_lookalikes
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
from governance.ai.length import fit, fit_lines
from governance.ai.prompts import PromptTemplate
from governance.ai.scripts import flag_mixed_scripts
from governance.ai.sections import parse_sections, render_sections
from governance.ai.untrusted import BLOCK_OPEN
from governance.domain.text import display_width

SHORT_SECTION_LIMITS = {"TL;DR": TLDR_LIMIT, "Title": EMBED_TITLE_LIMIT}
# Every amount and address of a long proposal may not fit an embed field; the summary is
# shown as one embed description, so its fact list may take most of it.
FACT_SECTION_LIMIT = 3000
_SHRINK_FLOOR = 120  # prose sections give way to the fact list down to this size


@dataclass(frozen=True)
class OutputSpec:
    """What a task's answer must look like. No sections means free prose."""

    sections: tuple[str, ...] = ()
    total_limit: int = EMBED_DESCRIPTION_LIMIT
    section_limit: int = EMBED_FIELD_LIMIT
    short_limits: Mapping[str, int] = field(default_factory=lambda: dict(SHORT_SECTION_LIMITS))
    facts_section: str | None = None  # lists every amount, address and recipient of the source
    headlines: tuple[str, ...] = ()  # never repeat text addressed to an AI
    planted_note_section: str | None = None  # says when the source holds such text

    @classmethod
    def of(cls, template: PromptTemplate) -> OutputSpec:
        return cls(
            template.sections,
            facts_section=template.facts_section,
            headlines=template.headlines,
            planted_note_section=template.planted_note_section,
        )

    def limit_for(self, section: str) -> int:
        if section == self.facts_section:
            return FACT_SECTION_LIMIT
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
    _refuse_planted_headlines(found, spec, source)
    if spec.facts_section in found:
        found[spec.facts_section] = _with_every_fact(found[spec.facts_section], source)
    if spec.planted_note_section in found and source.planted:
        note = f"- {source.planted.note}"
        found[spec.planted_note_section] = f"{note}\n{found[spec.planted_note_section]}"
    return _fit_sections(found, spec, source)


def _refuse_planted_headlines(found: dict[str, str], spec: OutputSpec, source: SourceFacts) -> None:
    """A headline that repeats what a planted instruction asked for is the model obeying it."""
    if not spec.headlines or not source.planted:
        return
    for name in spec.headlines:
        for line in (found.get(name) or "").splitlines():
            if line.strip() and source.planted.echoed_in(line):
                raise OutputRejected([f"the {name} repeats text addressed to an AI in the proposal"])


def _with_every_fact(body: str, source: SourceFacts) -> str:
    """The fact list, with each fact of the source it left out added back, marked."""
    missing = source.ledger.missing_from(body)
    if not missing:
        return body
    lines: list[str] = []
    for fact in missing:  # a name or address already in an added line needs no line of its own
        if fact.kind == AMOUNT or fact.key not in "\n".join(lines).casefold():
            lines.append(f"- {fact.line()} {RESTORED_MARK}")
    added = "\n".join(lines)
    return added if _says_nothing(body) else f"{body}\n{added}"


def _says_nothing(body: str) -> bool:
    return bool(re.fullmatch(r"[-*\s]*(none( stated)?|n/?a|to be decided|tbd)\b[^\n]{0,40}", body, re.I))


def _fit_sections(found: dict[str, str], spec: OutputSpec, source: SourceFacts) -> ValidatedOutput:
    limits = {name: spec.limit_for(name) for name in spec.sections}
    while True:
        cleaned = {
            name: _clean(found[name], name, limits[name], source, name == spec.facts_section)
            for name in spec.sections
        }
        sections = tuple((name, cleaned[name][0]) for name in spec.sections)
        text = render_sections(sections)
        overflow = display_width(text) - spec.total_limit
        if overflow <= 0:
            flags = tuple(flag for name in spec.sections for flag in cleaned[name][1])
            return ValidatedOutput(sections, text, flags)
        # Shorten the longest prose section by the overflow and try again; the fact list
        # gives way only when the prose is down to its floor.
        prose = [n for n in spec.sections if n != spec.facts_section and display_width(cleaned[n][0]) > _SHRINK_FLOOR]
        longest = max(prose or spec.sections, key=lambda name: display_width(cleaned[name][0]))
        floor = _SHRINK_FLOOR if prose else 1
        limits[longest] = max(display_width(cleaned[longest][0]) - overflow, floor)


def _clean(
    body: str, section: str, limit: int, source: SourceFacts, fact_list: bool = False
) -> tuple[str, list[Flag]]:
    body = neutralise_mentions(unmask_links(body))
    flags: list[Flag] = []

    def decorate(cut: str) -> str:
        cut, lookalike = flag_lookalikes(cut, source.lookalikes, section)
        cut, ungrounded = flag_ungrounded(cut, source, section)
        cut, mixed = flag_mixed_scripts(cut, section)
        restored = [Flag("restored_fact", line.strip("- ").removesuffix(RESTORED_MARK).strip(), section)
                    for line in cut.splitlines() if line.endswith(RESTORED_MARK)]
        flags[:] = ungrounded + lookalike + mixed + restored
        return balance_code_fences(cut)

    if fact_list:
        return fit_lines(body, limit, decorate), flags
    return fit(body, limit, decorate), flags

"""Sectioned Markdown: parse a model's answer into named sections, render them back."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_PREFIX = (
    r"^\s{0,3}(?:#{1,6}\s*)?(?:\d+[.)]\s*)?(?:\*\*|__)?\s*"  # "## ", "3. ", "**"
    r"(?P<name>[^:*_#\n]{1,60}?)\s*(?:\*\*|__)?\s*"
)
# "## TL;DR", "**Risks:**", "3. Budget" alone on a line …
_HEADING_LINE = re.compile(_PREFIX + r":?\s*(?:\*\*|__)?\s*$")
# … or "Title: Community garden", "**Budget:** 500 DAI" with the body inline.
_HEADING_INLINE = re.compile(_PREFIX + r":\s*(?:\*\*|__)?\s*(?P<rest>\S.*)$")
# What render_sections writes: "## Name" alone on its line.
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(?P<name>[^\n]{1,60}?)\s*:?\s*$")


def section_key(name: str) -> str:
    """Compare headings by letters and digits only: "TL;DR" == "tldr" == "**TL;DR:**"."""
    return re.sub(r"[\W_]+", "", name.casefold())


def parse_sections(text: str, expected: Sequence[str]) -> dict[str, str]:
    """Bodies of the expected sections found in `text`, in `expected` order.

    When every expected section has a Markdown heading ("## Budget"), only those
    headings count, so a body line such as "Budget: 500 DAI" stays body text.
    Otherwise looser forms count too ("**Risks:**", "Title: Garden"). Text before
    the first heading (a model's "Sure! Here is…") is dropped; an unexpected
    heading-like line stays part of the section it is in, and so does
    "Name: text" for a section already seen (a sentence, not a heading).
    """
    names = {section_key(name): name for name in expected}
    strict = _parse(text, expected, names, (_MARKDOWN_HEADING,))
    if len(strict) == len(names):
        return strict
    return _parse(text, expected, names, (_HEADING_LINE, _HEADING_INLINE))


def _parse(
    text: str, expected: Sequence[str], names: dict[str, str], patterns: tuple[re.Pattern[str], ...]
) -> dict[str, str]:
    bodies: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        name, rest = _heading(line, names, patterns)
        if name is not None and (rest is None or name not in bodies):
            current = bodies.setdefault(name, [])
            if rest:
                current.append(rest)
        elif current is not None:
            current.append(line)
    return {name: "\n".join(bodies[name]).strip() for name in expected if name in bodies}


def _heading(
    line: str, names: dict[str, str], patterns: tuple[re.Pattern[str], ...]
) -> tuple[str | None, str | None]:
    """(section name, inline body) when the line opens an expected section."""
    for pattern in patterns:
        match = pattern.match(line)
        if match and section_key(match.group("name")) in names:
            return names[section_key(match.group("name"))], match.groupdict().get("rest")
    return None, None


def render_sections(sections: Iterable[tuple[str, str]]) -> str:
    return "\n\n".join(f"## {name}\n{body}" for name, body in sections)

"""Discord's size limits, and cutting text to fit them at a sentence boundary.

Lengths are counted in UTF-16 code units, as Discord's clients count them (the core counts AI
output the same way, governance.domain.text.display_width): an emoji counts twice, so text cut
here is never rejected for being one emoji long. AI_OUTPUT is the room AI output gets, passed to
the core at start-up.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from governance.ai.limits import OutputLimits
from governance.domain.text import cut_to_width
from governance.domain.text import display_width as width

if TYPE_CHECKING:
    import discord

CONTENT = 2000
TITLE = 256
DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS = 25
FOOTER = 2048
AUTHOR = 256
EMBEDS_TOTAL = 6000  # across every embed of one message
CHOICE_NAME = 100  # autocomplete and choice labels
ELLIPSIS = "…"
DESCRIPTION_KEPT = 1500  # over the 6,000 budget, the description keeps this much before fields go

# AI output: a whole answer is an embed's description, a section one field, a drafted title a title
AI_OUTPUT = OutputLimits(text=DESCRIPTION, section=FIELD_VALUE, title=TITLE)

_BREAK = re.compile(r"(?<=[.!?…])[\"')\]]*\s|\n")  # where a sentence or line ends
_FENCE = "```"


def shorten(text: str, limit: int, pointer: str | None = None) -> str:
    """`text` if it fits; otherwise its longest start ending a sentence, then '…' and the pointer.

    The pointer tells the reader where the rest is, e.g. "full text: /proposal show 12".
    Falls back to a word boundary, then a hard cut, when no sentence ends late enough.
    """
    if width(text) <= limit:
        return text
    tail = f"{ELLIPSIS} {pointer}" if pointer else ELLIPSIS
    if width(tail) + 1 > limit:  # no room for the pointer: cut hard
        return cut_to_width(text, limit - 1) + ELLIPSIS
    room = limit - width(tail) - 5  # leaves room for a space and a closing code fence
    head = cut_to_width(text, room)
    cut = _last_break(head, minimum=len(head) // 3)  # a sentence end, unless it loses most of the room
    head = head[:cut].rstrip()
    if head.count(_FENCE) % 2:  # an unclosed code block would swallow the pointer
        head += "\n" + _FENCE
    return f"{head} {tail}" if head else tail


def _last_break(head: str, minimum: int) -> int:
    ends = [m.end() for m in _BREAK.finditer(head) if m.end() >= minimum]
    if ends:
        return ends[-1]
    space = head.rfind(" ", minimum)
    return space if space > 0 else len(head)


def one_line(text: str, limit: int) -> str:
    """Collapses whitespace, then shortens: for titles, field names and choice labels."""
    return shorten(" ".join(text.split()), limit)


def embed_width(embed: discord.Embed) -> int:
    return width(embed.title or "") + width(embed.description or "") + width(embed.footer.text or "") + \
        width(embed.author.name or "") + sum(width(f.name or "") + width(f.value or "") for f in embed.fields)


def fit(embed: discord.Embed, pointer: str | None = None, budget: int = EMBEDS_TOTAL) -> discord.Embed:
    """Brings every part of the embed within Discord's limits, then the whole within `budget`.

    Over budget, the description gives way first (it keeps a pointer to the full text),
    but not below DESCRIPTION_KEPT; then the last fields go; then the rest of the description.
    """
    _fit_parts(embed, pointer)
    _shrink_description(embed, pointer, budget, keep=DESCRIPTION_KEPT)
    while embed_width(embed) > budget and embed.fields:
        embed.remove_field(len(embed.fields) - 1)  # the last fields are the least important
    _shrink_description(embed, pointer, budget, keep=1)
    if embed_width(embed) > budget:
        embed.remove_footer()
    if embed_width(embed) > budget:
        embed.remove_author()
    if embed_width(embed) > budget and embed.title:
        embed.title = shorten(embed.title, max(width(embed.title) - (embed_width(embed) - budget), 1))
    return embed


def _fit_parts(embed: discord.Embed, pointer: str | None) -> None:
    if embed.title:
        embed.title = one_line(embed.title, TITLE)
    if embed.description:
        embed.description = shorten(embed.description, DESCRIPTION, pointer)
    fields = embed.fields[:FIELDS]
    embed.clear_fields()
    for f in fields:
        embed.add_field(name=one_line(f.name or "", FIELD_NAME) or "—",
                        value=shorten((f.value or "").strip(), FIELD_VALUE) or "—", inline=f.inline)
    if embed.footer.text:
        embed.set_footer(text=shorten(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    if embed.author.name:
        embed.set_author(name=one_line(embed.author.name, AUTHOR), url=embed.author.url,
                         icon_url=embed.author.icon_url)


def _shrink_description(embed: discord.Embed, pointer: str | None, budget: int, keep: int) -> None:
    excess = embed_width(embed) - budget
    if excess <= 0 or not embed.description:
        return
    current = width(embed.description)
    target = max(current - excess, min(current, keep))
    if target < current:
        embed.description = shorten(embed.description, target, pointer)

"""Make generated text inert in Discord: no pings, no disguised links, no runaway markup."""

from __future__ import annotations

import re

ZWSP = "\u200b"  # breaks a mention without changing what a reader sees

EMBED_DESCRIPTION_LIMIT = 4096
EMBED_FIELD_LIMIT = 1024
EMBED_FIELD_NAME_LIMIT = 256
EMBED_TITLE_LIMIT = 256
TLDR_LIMIT = 280

_EVERYONE_HERE = re.compile(r"@(?=everyone|here)", re.IGNORECASE)  # Discord needs no word end
_USER_ROLE_MENTION = re.compile(r"<@(?=[!&]?\d)")
# [shown text](https://target): Discord shows only the text, hiding where it goes.
_MASKED_LINK = re.compile(r"\[([^\]\n]{1,300})\]\(\s*<?([^)\s>]+)>?\s*\)")


def neutralise_mentions(text: str) -> str:
    """`@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>` can no longer ping anyone."""
    text = _EVERYONE_HERE.sub("@" + ZWSP, text)
    return _USER_ROLE_MENTION.sub("<@" + ZWSP, text)


def unmask_links(text: str) -> str:
    """`[text](url)` becomes `text (url)`, so the real target is visible and checkable."""
    return _MASKED_LINK.sub(r"\1 (\2)", text)


def balance_code_fences(text: str) -> str:
    """An unclosed ``` would swallow everything after it, flags included."""
    return text + "\n```" if text.count("```") % 2 else text


def make_inert(text: str) -> str:
    return balance_code_fences(neutralise_mentions(unmask_links(text)))

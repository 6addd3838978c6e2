"""Proposal text rules: canonical form, content hash, and input limits."""

from __future__ import annotations

import unicodedata

from eth_hash.auto import keccak  # keccak-256, the chain's hash; a pure function

from governance.errors import InvalidInput

MAX_TITLE_CHARS = 200
# Long enough for a detailed specification (the model chunks what it cannot
# read at once), short enough that a paste accident is refused.
MAX_BODY_CHARS = 60_000
MAX_REASON_CHARS = 500

_ALLOWED_CONTROLS = {"\n", "\t"}


def display_width(text: str) -> int:
    """Length as chat clients count it: UTF-16 code units (an emoji outside the BMP counts twice).

    Every size limit on shown text (Discord's, and the AI output limits it passes in) is counted
    this way, so text cut to fit is never refused for being one emoji too long."""
    return len(text.encode("utf-16-le")) // 2


def cut_to_width(text: str, room: int) -> str:
    """The longest start of `text` whose display width fits in `room`."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > room:
            return text[:index]
    return text


def canonical_text(text: str) -> str:
    """NFC, LF line endings, no trailing spaces on lines, no outer blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def canonical_document(title: str, body: str) -> str:
    """The exact text a revision's content hash covers."""
    return canonical_text(f"# {title.strip()}\n\n{body}")


def content_hash(title: str, body: str) -> str:
    """keccak-256 of the canonical UTF-8 document, as 0x-prefixed hex."""
    return "0x" + keccak(canonical_document(title, body).encode("utf-8")).hex()


def _reject_controls(text: str, what: str) -> None:
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS:
            raise InvalidInput(f"The {what} contains a control character (U+{ord(ch):04X}).")


def clean_title(title: str) -> str:
    title = canonical_text(title or "")
    if not title:
        raise InvalidInput("The title is empty.")
    if len(title.splitlines()) != 1:  # also U+2028/U+2029, which renderers break lines at
        raise InvalidInput("The title must be a single line.")
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInput(f"The title has {len(title):,} characters; the limit is {MAX_TITLE_CHARS}.")
    _reject_controls(title, "title")
    return title


def clean_body(body: str) -> str:
    body = canonical_text(body or "")
    if not body:
        raise InvalidInput("The proposal text is empty.")
    if len(body) > MAX_BODY_CHARS:
        raise InvalidInput(
            f"The proposal text has {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}."
        )
    _reject_controls(body, "proposal text")
    return body


def clean_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    reason = canonical_text(reason)
    if not reason:
        return None
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(f"The reason has {len(reason):,} characters; the limit is {MAX_REASON_CHARS}.")
    _reject_controls(reason, "reason")
    return reason

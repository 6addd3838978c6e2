"""Canonical text and content hashes: equal meaning, equal hash; limits enforced."""

from __future__ import annotations

import pytest
from eth_hash.auto import keccak

from governance.domain.text import (
    MAX_BODY_CHARS,
    canonical_document,
    clean_body,
    clean_title,
    content_hash,
)
from governance.errors import InvalidInput


def test_hash_is_keccak_of_canonical_utf8():
    expected = "0x" + keccak(b"# Title\n\nBody").hex()
    assert content_hash("Title", "Body") == expected


def test_line_endings_trailing_space_and_unicode_form_do_not_change_the_hash():
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    assert content_hash("T", f"{composed}  \r\nline\r\n") == content_hash("T", f"{decomposed}\nline")


def test_any_visible_change_changes_the_hash():
    assert content_hash("T", "pay 100") != content_hash("T", "pay 1000")


def test_canonical_document_keeps_inner_blank_lines():
    assert canonical_document("T", "a\n\n\nb") == "# T\n\na\n\n\nb"


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "empty"), ("   ", "empty"), ("a\nb", "single line"), ("a\u2028b", "single line"),
     ("x" * 201, "limit"), ("a\x00b", "control")],
)
def test_bad_titles(title, message):
    with pytest.raises(InvalidInput, match=message):
        clean_title(title)


def test_body_limits():
    assert clean_body("x" * MAX_BODY_CHARS)
    with pytest.raises(InvalidInput, match="200,000 characters"):
        clean_body("x" * 200_000)
    with pytest.raises(InvalidInput, match="empty"):
        clean_body("\n \n")


def test_mixed_scripts_and_emoji_are_kept():
    body = "Fund 🌱 garden — جديد — 新しい庭 — עברית"
    assert clean_body(body) == body


def test_errors_are_one_line():
    with pytest.raises(InvalidInput) as error:
        clean_title("x" * 500)
    assert "\n" not in str(error.value)

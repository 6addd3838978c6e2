"""Untrusted text (proposals, ideas, feedback) as a delimited data block.

The block goes into the user message only. Inside it, anything that could pass
for our delimiters or for a chat template's control tokens is defused, so the
text cannot close the block or open a new turn.
"""

from __future__ import annotations

import re

from governance.ai.invisible import normalise_for_display

BLOCK_OPEN = "<<<"
BLOCK_CLOSE = ">>>"

_ANGLE_RUNS = re.compile(r"<{2,}|>{2,}|[«»]{2,}")
# <|im_start|>, <|endoftext|>, </s>, <s>, <start_of_turn>, [INST], <<SYS>> ...
_CONTROL_TOKENS = re.compile(
    r"<\||\|>|</?s>|</?(?:start_of_turn|end_of_turn|bos|eos|pad|unk)>|\[/?INST\]",
    re.IGNORECASE,
)
# A line that opens a turn in plain "Role: text" prompt formats.
_ROLE_LINE = re.compile(
    r"^(\s*#*\s*)(system|user|assistant|human|ai|instruction|response)(\s*)[:：]",
    re.IGNORECASE | re.MULTILINE,
)


def _defuse_angles(match: re.Match[str]) -> str:
    return "".join("‹" if ch in "<«" else "›" for ch in match.group(0))


def _defuse_token(match: re.Match[str]) -> str:
    return match.group(0).replace("<", "‹").replace(">", "›").replace("[", "(").replace("]", ")")


def neutralise(text: str) -> str:
    """The untrusted text with delimiter and control-token look-alikes made inert."""
    text = normalise_for_display(text)
    text = _CONTROL_TOKENS.sub(_defuse_token, text)
    text = _ANGLE_RUNS.sub(_defuse_angles, text)
    return _ROLE_LINE.sub(r"\1[\2]\3:", text)  # a full-width colon becomes plain: harmless


def data_block(label: str, text: str, nonce: str) -> str:
    """`<<<LABEL nonce>>>` … `<<<END LABEL nonce>>>` around the neutralised text.

    The nonce (derived from the input hash) makes the closing marker impossible
    to guess from inside the text, even before neutralisation.
    """
    label = label.upper()
    return (
        f"{BLOCK_OPEN}{label} {nonce}{BLOCK_CLOSE}\n"
        f"{neutralise(text)}\n"
        f"{BLOCK_OPEN}END {label} {nonce}{BLOCK_CLOSE}"
    )

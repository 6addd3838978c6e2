"""Button custom_ids: namespaced, carrying the proposal and the action, so a button still
works after a restart with no state kept in memory (discord.py `DynamicItem` parses them).

    folkmoot:vote:<proposal>:<for|against|abstain>
    folkmoot:draft:<proposal>:<publish|revise|discard>
"""

from __future__ import annotations

import enum
import re

from governance.domain import Support

PREFIX = "folkmoot"
MAX_LENGTH = 100  # Discord's limit for a custom_id
_ID = r"(?P<proposal>[1-9][0-9]{0,17})"  # the proposal number, as stored; no leading zeros

SUPPORT_WORDS = {Support.FOR: "for", Support.AGAINST: "against", Support.ABSTAIN: "abstain"}
VOTE_TEMPLATE = rf"{PREFIX}:vote:{_ID}:(?P<support>for|against|abstain)"


class DraftAction(str, enum.Enum):
    PUBLISH = "publish"
    REVISE = "revise"
    DISCARD = "discard"


DRAFT_TEMPLATE = rf"{PREFIX}:draft:{_ID}:(?P<action>publish|revise|discard)"

_VOTE = re.compile(VOTE_TEMPLATE)
_DRAFT = re.compile(DRAFT_TEMPLATE)
_WORD_SUPPORT = {word: support for support, word in SUPPORT_WORDS.items()}


def vote_id(proposal_id: int, support: Support) -> str:
    return f"{PREFIX}:vote:{int(proposal_id)}:{SUPPORT_WORDS[Support(support)]}"


def draft_id(proposal_id: int, action: DraftAction) -> str:
    return f"{PREFIX}:draft:{int(proposal_id)}:{DraftAction(action).value}"


def parse_vote(custom_id: str) -> tuple[int, Support] | None:
    match = _VOTE.fullmatch(custom_id)
    return (int(match["proposal"]), _WORD_SUPPORT[match["support"]]) if match else None


def parse_draft(custom_id: str) -> tuple[int, DraftAction] | None:
    match = _DRAFT.fullmatch(custom_id)
    return (int(match["proposal"]), DraftAction(match["action"])) if match else None

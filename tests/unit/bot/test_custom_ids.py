"""Button custom_ids: what the buttons carry, and what a click is parsed back into."""

from __future__ import annotations

import re

import pytest

from bot.discord.custom_ids import MAX_LENGTH
from bot.discord.drafting.views import (
    DRAFT_TEMPLATE,
    DraftAction,
    DraftButton,
    draft_buttons,
    draft_id,
    parse_draft,
)
from bot.discord.voting.views import VOTE_TEMPLATE, VoteButton, parse_vote, vote_buttons, vote_id
from governance.domain import Support


@pytest.mark.parametrize("support", list(Support))
def test_vote_ids_round_trip(support):
    custom_id = vote_id(12, support)
    assert custom_id == f"folkmoot:vote:12:{support.name.lower()}"
    assert parse_vote(custom_id) == (12, support)


@pytest.mark.parametrize("action", list(DraftAction))
def test_draft_ids_round_trip(action):
    assert parse_draft(draft_id(7, action)) == (7, action)


def test_the_largest_ids_fit_discords_limit():
    assert len(vote_id(10**18 - 1, Support.ABSTAIN)) <= MAX_LENGTH
    assert len(draft_id(10**18 - 1, DraftAction.DISCARD)) <= MAX_LENGTH


@pytest.mark.parametrize("custom_id", [
    "folkmoot:vote:12:maybe", "folkmoot:vote:012:for", "folkmoot:vote:0:for", "folkmoot:vote:-1:for",
    "folkmoot:vote:12:for:extra", "other:vote:12:for", "folkmoot:vote::for", "folkmoot:vote:12",
    "folkmoot:vote:1234567890123456789:for", "folkmoot:draft:12:for", "", "folkmoot:vote:１２:for",
])
def test_foreign_or_malformed_ids_are_not_votes(custom_id):
    assert parse_vote(custom_id) is None


def test_draft_ids_reject_vote_words():
    assert parse_draft("folkmoot:draft:3:for") is None and parse_draft("folkmoot:vote:3:publish") is None


def test_buttons_carry_ids_their_dynamic_item_matches():
    votes = [item.custom_id for item in vote_buttons(5).children]
    assert votes == ["folkmoot:vote:5:for", "folkmoot:vote:5:against", "folkmoot:vote:5:abstain"]
    drafts = [item.custom_id for item in draft_buttons(5).children]
    assert drafts == ["folkmoot:draft:5:publish", "folkmoot:draft:5:revise", "folkmoot:draft:5:discard"]
    assert all(VoteButton.__discord_ui_compiled_template__.fullmatch(i) for i in votes)
    assert all(DraftButton.__discord_ui_compiled_template__.fullmatch(i) for i in drafts)
    assert all(item.timeout is None for item in (vote_buttons(5), draft_buttons(5)))  # persistent


def test_templates_are_anchored_patterns():
    assert re.compile(VOTE_TEMPLATE).fullmatch("folkmoot:vote:1:for")
    assert re.compile(DRAFT_TEMPLATE).fullmatch("folkmoot:draft:1:publish")

"""Embeds never exceed Discord's limits; long text is cut at a sentence with a pointer to the rest."""

from __future__ import annotations

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discord import limits
from bot.discord.limits import fit, shorten, width

POINTER = "full text: /proposal show 12"


def test_text_that_fits_is_unchanged():
    assert shorten("Short. Text.", 100, POINTER) == "Short. Text."


def test_cut_at_the_last_sentence_that_fits_then_the_pointer():
    text = "First sentence here. Second sentence is longer than that. Third one would overflow the limit."
    cut = shorten(text, 90, POINTER)
    assert cut == f"First sentence here. … {POINTER}"
    assert width(cut) <= 90


def test_a_line_break_is_a_boundary_too():
    text = "## Summary\nA garden\n## Budget\n" + "x" * 200
    assert shorten(text, 60, "more") == "## Summary\nA garden\n## Budget … more"


def test_without_a_sentence_end_it_cuts_between_words():
    text = "word " * 100
    cut = shorten(text, 50)
    assert cut.endswith("word …") and width(cut) <= 50


def test_emoji_count_twice_as_discord_counts_them():
    text = "🌱" * 3000  # 3,000 characters, 6,000 UTF-16 units
    assert width(text) == 6000
    cut = shorten(text, limits.DESCRIPTION)
    assert width(cut) <= limits.DESCRIPTION


def test_an_open_code_block_is_closed_before_the_pointer():
    text = "Intro.\n```\n" + "code line.\n" * 500
    cut = shorten(text, 300, POINTER)
    assert cut.count("```") % 2 == 0 and cut.endswith(POINTER) and width(cut) <= 300


def test_a_pointer_longer_than_the_limit_gives_a_hard_cut():
    assert shorten("abcdefghij" * 5, 10, POINTER) == "abcdefghi…"


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=3000), st.integers(min_value=1, max_value=2000),
       st.sampled_from([None, POINTER, "more"]))
def test_shorten_never_exceeds_the_limit(text, limit, pointer):
    cut = shorten(text, limit, pointer)
    assert width(cut) <= limit
    if width(text) <= limit:
        assert cut == text


def oversized() -> discord.Embed:
    embed = discord.Embed(title="T" * 400, description="A sentence. " * 600)
    for n in range(40):
        embed.add_field(name=f"field {n} " * 40, value="Value text. " * 200)
    embed.set_footer(text="f" * 3000)
    embed.set_author(name="a" * 300)
    return embed


def test_fit_brings_every_part_within_limits():
    embed = fit(oversized(), POINTER)
    assert len(embed.title) <= limits.TITLE and width(embed.description) <= limits.DESCRIPTION
    assert len(embed.fields) <= limits.FIELDS
    assert all(width(f.name) <= limits.FIELD_NAME for f in embed.fields)
    assert all(width(f.value) <= limits.FIELD_VALUE for f in embed.fields)
    assert width(embed.footer.text) <= limits.FOOTER and width(embed.author.name) <= limits.AUTHOR
    assert limits.embed_width(embed) <= limits.EMBEDS_TOTAL
    assert embed.description.endswith(POINTER)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.text(max_size=5000),
       st.lists(st.tuples(st.text(max_size=300), st.text(max_size=1500)), max_size=30),
       st.text(max_size=2500))
def test_any_embed_fits(title, description, fields, footer):
    embed = discord.Embed(title=title or None, description=description or None)
    for name, value in fields:
        embed.add_field(name=name, value=value)
    if footer:
        embed.set_footer(text=footer)
    fitted = fit(embed)
    assert limits.embed_width(fitted) <= limits.EMBEDS_TOTAL
    assert len(fitted.fields) <= limits.FIELDS
    assert all(0 < width(f.name) <= limits.FIELD_NAME and 0 < width(f.value) <= limits.FIELD_VALUE
               for f in fitted.fields)

"""Hostile inputs: what a member can type into Discord or an operator into a shell."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Fuzz tests share one database per test (a function-scoped fixture) across examples.
FUZZ = settings(
    max_examples=40, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
)
FUZZ_SMALL = settings(FUZZ, max_examples=15)

MENTIONS = ("@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>", "<:e:1>", "<t:0:R>")
TRICKY = (
    "\u202e", "\u202d", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u2028", "\u2029", "\x85",
    "\x00", "\x07", "\x1b[2J", "\r", "\r\n", "\t", "\n", "\v", "\f", " ", "\u00a0", "\u3000",
    "e\u0301", "\u0301" * 20, "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇳", "𒐫", "ﷺ", "ǅ", "ß", "İ", "\U0010ffff",
    "\ufffd", "[bold red]x[/]", "```", "||spoiler||", "# heading", "'; DROP TABLE proposal; --",
    "%s%n", "{0}", "../../etc/passwd", "٣", "²",
)
fragments = st.sampled_from(MENTIONS + TRICKY) | st.text(max_size=6)
composed = st.lists(fragments, max_size=12).map("".join)
# Up to 250,000 characters, built by repetition (Hypothesis cannot draw that much text itself).
huge = st.builds(lambda unit, n: (unit * (n // len(unit) + 1))[:n],
                 st.sampled_from(MENTIONS + TRICKY) | st.text(min_size=1, max_size=4),
                 st.sampled_from([201, 501, 4_001, 60_001, 250_000]) | st.integers(1_000, 250_000))
weird = st.text(st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "So")))
# Printable but odd: emoji, RTL and zero-width marks, mentions, combining marks; no control codes.
printable = st.lists(st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=20)
                     | st.sampled_from([t for t in MENTIONS + TRICKY if t.isprintable() or t == " "]),
                     min_size=1, max_size=8).map("".join)
# st.text() never yields lone surrogates, which no Discord payload or UTF-8 terminal carries.
hostile_text = st.one_of(st.text(), printable, printable, printable, weird, composed, huge)
no_nul = hostile_text.map(lambda s: s.replace("\x00", ""))

# Integers: the edges of every column type, and plain ones. int64 is what the id columns hold.
INT32_MAX, INT64_MAX = 2**31 - 1, 2**63 - 1
EDGES = (-(2**63), -(2**31) - 1, -(2**31), -1, 0, 1, 2, 3, INT32_MAX, 2**31, 2**32, 2**53 + 1, INT64_MAX)
int64 = st.sampled_from(EDGES) | st.integers(-(2**63), INT64_MAX)
int32 = st.sampled_from([e for e in EDGES if abs(e) <= INT32_MAX]) | st.integers(-(2**31), INT32_MAX)
# Proposal ids are guarded before any query, so any integer at all may be asked for.
any_int = int64 | st.sampled_from((2**63, 2**64, 10**30, -(2**64)))



def mostly(value, others):
    """`value` about three times in five; `others` the rest of the time."""
    return st.one_of(st.just(value), st.just(value), st.just(value), others)


quorum_text = st.one_of(
    st.sampled_from(["0", "1", "3", "25", " 7 ", "-1", "20%", "0%", "100%", "100.01%", "-5%", "1e3%",
                     "nan%", "inf%", "-inf%", "1e999%", "%", "", "  ", "1_000", "0x10", "٣", "²",
                     "3.5", "1e3", "2147483647", "50 %", "5%%"]),
    st.integers(-(2**31), INT32_MAX).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: f"{f}%"),
    st.text(max_size=10),
)
periods = st.one_of(
    st.sampled_from([timedelta(0), timedelta(seconds=59), timedelta(minutes=1), timedelta(days=90),
                     timedelta(days=90, microseconds=1), timedelta(days=-1), timedelta.max, timedelta.min]),
    st.timedeltas(),
)
# durations as members type them (/config voting_period, /publish --period), parsed by parse_duration
typed_durations = st.one_of(
    st.sampled_from(["30m", "12h", "7d", "2w", "0m", "59s", "91d", "999999w", " 5 D ", "5x", "", "٣d", "²d",
                     "1.5h", "-1d", "1e3m", "7d7d"]),
    st.builds("{}{}".format, st.integers(0, 10**7), st.sampled_from("smhdwSMHDWy ")),
    st.text(max_size=12),
)
thresholds = st.sampled_from([-1, 0, 5_000, 9_999, 10_000, 2**63]) | st.integers(-(10**6), 10**6)
zones = st.sampled_from(["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Etc/GMT+12"])
# digest schedules: five fields, as configure checks, or anything else
crons = st.one_of(st.sampled_from(["0 9 * * mon", "*/5 * * * *", "0 17 * * fri", "", "* * * *",
                                   "* * * * * *"]),
                  st.lists(st.text(min_size=1, max_size=8).filter(lambda s: s.split() == [s]),
                           min_size=5, max_size=5).map(" ".join),
                  st.text(max_size=30))

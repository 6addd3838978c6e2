"""The digest chart is a real PNG, and its bars are the tallies it was given."""

from __future__ import annotations

import struct

from governance.adapters.chart import MAX_BARS, TallyBar, tally_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"  # the first chunk
    return struct.unpack(">II", png[16:24])


def test_bars_are_drawn_as_given_and_the_png_is_valid():
    bars = [
        TallyBar("#1 Plant trees", 5, 2, 1, 6),
        TallyBar("#2 Paint the shed", 0, 3, 0, 4),
        TallyBar("#3 Nobody yet", 0, 0, 0, 2),
    ]
    chart = tally_chart(bars)
    assert chart.plotted == tuple(bars)
    assert png_size(chart.png) == (chart.width, chart.height)
    assert chart.png.endswith(b"IEND\xaeB`\x82")


def test_at_most_max_bars_are_drawn():
    bars = [TallyBar(f"#{n} Proposal", n, 0, 0, 3) for n in range(MAX_BARS + 5)]
    assert len(tally_chart(bars).plotted) == MAX_BARS


def test_an_empty_chart_is_still_a_png():
    chart = tally_chart([])
    assert chart.plotted == () and png_size(chart.png) == (chart.width, chart.height)

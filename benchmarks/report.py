"""Printing benchmark results as a table, medians of repeated timings, and the machine's load."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

from rich.console import Console
from rich.table import Table


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def median_seconds(fn: Callable[[], object], repeats: int = 5) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


NOT_JUDGED = 3  # a benchmark's exit status: it ran, but a timing target means nothing on a machine this busy


def machine_busy() -> bool:
    """More runnable work than cores: timings then measure the neighbours as much as the code."""
    return os.getloadavg()[0] >= (os.cpu_count() or 1)


def machine_load() -> str:
    """One line every benchmark prints first: results only compare with others at a similar load."""
    one, five, fifteen = os.getloadavg()
    cpus = os.cpu_count() or 1
    return (f"machine: load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1, 5, 15 min) on {cpus} CPUs"
            f"{' (busy)' if machine_busy() else ''}")

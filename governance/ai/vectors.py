"""Plain-Python vector maths for unit vectors (no numpy needed at this size)."""

from __future__ import annotations

import math
from collections.abc import Sequence

Vector = Sequence[float]


def dot(a: Vector, b: Vector) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def normalised_mean(vectors: Sequence[Vector]) -> list[float]:
    mean = [sum(column) / len(vectors) for column in zip(*vectors, strict=True)]
    norm = math.sqrt(dot(mean, mean)) or 1.0
    return [x / norm for x in mean]

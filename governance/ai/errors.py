"""Errors of the AI capability that a member may see (their text is user-safe)."""

from __future__ import annotations

from governance.errors import Unavailable


class ModelBusy(Unavailable):
    """The inference queue is full: the member should try again shortly."""

    def __init__(self, queued: int):
        super().__init__(
            f"The language model is busy ({queued} requests waiting). Try again in a minute."
        )
        self.queued = queued


class OutputRejected(Exception):
    """A model's output failed validation; `reasons` say why (internal, drives the retry)."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons

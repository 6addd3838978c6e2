"""Crash injection for the reliability tests: die by SIGKILL at a named step of the relayer.

`failpoint_from_environment()` reads `FOLKMOOT_FAILPOINT=after_sign:3` and returns a hook that
kills the process the third time the relayer reports the step "after_sign"; the test passes it to
`Relayer(hook=...)`. The product's relayer calls a no-op hook.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable


def failpoint(name: str, times: int = 1) -> Callable[[str], None]:
    remaining = times

    def hook(step: str) -> None:
        nonlocal remaining
        if step != name:
            return
        remaining -= 1
        if remaining <= 0:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


def failpoint_from_environment() -> Callable[[str], None]:
    name, _, count = os.environ.get("FOLKMOOT_FAILPOINT", "").partition(":")
    return failpoint(name, int(count or 1)) if name else (lambda step: None)

"""Crash injection for the reliability tests: die by SIGKILL at a named line.

`FOLKMOOT_FAILPOINT=after_sign:3` kills the process the third time it passes
`failpoint("after_sign")`. Unset (always, outside those tests), it does nothing.
"""

from __future__ import annotations

import os
import signal

_spec = os.environ.get("FOLKMOOT_FAILPOINT", "")
_name, _, _count = _spec.partition(":")
_remaining = int(_count or 1)


def failpoint(name: str) -> None:
    global _remaining
    if name != _name:
        return
    _remaining -= 1
    if _remaining <= 0:
        os.kill(os.getpid(), signal.SIGKILL)

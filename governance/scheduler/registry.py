"""How APScheduler's jobs reach the running app.

Jobs are stored in the database as a module path and a community id, so they
cannot carry the app with them. The leading scheduler installs its runtime
here while it leads and removes it when it stops; a job that fires with
nothing installed fails loudly instead of acting on some other app.
"""

from __future__ import annotations

import threading

from governance.scheduler.runtime import SchedulerRuntime

_installed: SchedulerRuntime | None = None
_guard = threading.Lock()


def install(runtime: SchedulerRuntime) -> None:
    global _installed
    with _guard:
        if _installed is not None and _installed is not runtime:
            raise RuntimeError("another scheduler runtime is already installed in this process")
        _installed = runtime


def remove(runtime: SchedulerRuntime) -> None:
    global _installed
    with _guard:
        if _installed is runtime:
            _installed = None


def active() -> SchedulerRuntime:
    runtime = _installed
    if runtime is None:
        raise LookupError("no scheduler runtime is installed: a job fired outside a running "
                          "scheduler")
    return runtime

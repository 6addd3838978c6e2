"""How APScheduler's jobs reach the running app.

Jobs are stored in the database as a module path and a community id, so they
cannot carry the app with them. The leading scheduler installs its ScheduledPosts
here while it leads and removes it when it stops; a job that fires with
nothing installed fails loudly instead of acting on some other app.
"""

from __future__ import annotations

import threading

from governance.scheduler.posts import ScheduledPosts

_installed: ScheduledPosts | None = None
_guard = threading.Lock()


def install(posts: ScheduledPosts) -> None:
    global _installed
    with _guard:
        if _installed is not None and _installed is not posts:
            raise RuntimeError("another scheduler is already installed in this process")
        _installed = posts


def remove(posts: ScheduledPosts) -> None:
    global _installed
    with _guard:
        if _installed is posts:
            _installed = None


def active() -> ScheduledPosts:
    posts = _installed
    if posts is None:
        raise LookupError("no scheduler is installed: a job fired outside a running scheduler")
    return posts

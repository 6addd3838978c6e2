"""What every response of the wallet page carries, and what every post must show.

Strict Content-Security-Policy: scripts and styles from this site only (no inline script, no eval), no
frames, no plugins, forms and fetches to this site only. Posts carry the visit's CSRF token in a header
(a cross-site form cannot set one) and, when the browser sends it, this site's Origin."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the one-time link never leaks to another site
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SESSION_COOKIE = "folkmoot_session"
CSRF_HEADER = "X-CSRF-Token"


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.update(HEADERS)
    return response


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def same_origin(request: web.Request, public_url: str) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or origin == origin_of(public_url)

"""Secrets kept out of what folkmoot prints and logs.

A URL is shown by its scheme and host only: its user, password, path and query often hold a
credential (a provider's API key sits in the path or the query of an RPC URL). `Redactor` scrubs
what still gets through (an error message quoting a URL, a library's debug line): the configured
secrets by value, passwords in URLs, and the tokens Discord puts in interaction and webhook URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

MASK = "***"
MIN_SECRET = 6  # shorter values would mask ordinary words
_PASSWORD_IN_URL = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^\s/:@]*:)[^\s/@]+@", re.IGNORECASE)
# /interactions/{id}/{token}/callback and /webhooks/{application}/{token}: the token is a credential
_DISCORD_TOKEN_PATH = re.compile(r"(?P<head>/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_.\-]{20,}")
# 'token': '…' in a logged payload (an INTERACTION_CREATE event carries the interaction's token)
_SECRET_FIELD = re.compile(r"""(?P<head>["'](?:token|access_token|refresh_token|password|secret|api_key|apikey|"""
                           r"""authorization)["']\s*:\s*["'])[^"']+""", re.IGNORECASE)


def public_url(url: str) -> str:
    """`scheme://host[:port]` of a URL: what an operator needs to recognise it, and nothing secret."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return "(an unreadable URL)"
    if not parts.scheme or not host:
        return "(an unreadable URL)"
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def url_secrets(url: str | None, *, path: bool = True) -> list[str]:
    """The parts of a URL that may be secret, each as written and percent-decoded: the password, the
    query's values and (unless told otherwise: a database's path is a file or a name) the path."""
    if not url:
        return []
    try:
        parts = urlsplit(url.strip())
        password = parts.password
    except ValueError:
        return [url]
    found = [password or ""] + [value for pair in parts.query.split("&") for value in pair.split("=", 1)[1:]]
    if path:
        found += [parts.path if parts.path not in ("", "/") else "", parts.query]
        found += [segment for segment in parts.path.split("/") if len(segment) >= MIN_SECRET]
    return [value for text in found for value in {text, unquote(text)} if value]


class Redactor:
    """Replaces secrets in text with ***: the given values, URL passwords, Discord webhook tokens,
    and token or password fields of logged payloads."""

    def __init__(self, secrets: Iterable[str] = ()):
        # longest first, so a secret containing another is masked whole
        self.secrets = sorted({s for s in secrets if s and len(s) >= MIN_SECRET}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        text = _PASSWORD_IN_URL.sub(lambda m: f"{m['head']}{MASK}@", text)
        text = _SECRET_FIELD.sub(lambda m: f"{m['head']}{MASK}", text)
        return _DISCORD_TOKEN_PATH.sub(lambda m: f"{m['head']}{MASK}", text)


def public_database_url(url: str) -> str:
    """A database URL without its user and password: `sqlite:///path` as it is, a server's as
    `postgresql://host:port/name`."""
    if url.startswith("sqlite"):
        return url.split("?", 1)[0]
    try:
        name = urlsplit(url.strip()).path.strip("/")
    except ValueError:
        name = ""
    shown = public_url(url)
    if "://" not in shown:
        return shown
    scheme, _, rest = shown.partition("://")
    return f"{scheme.split('+')[0]}://{rest}" + (f"/{name}" if name else "")  # postgresql+psycopg: postgresql

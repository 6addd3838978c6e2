"""One-time links to the wallet page: an HMAC-signed token bound to a community, a member and a purpose,
valid 15 minutes, used once (the use is recorded in the database, so a second use is refused even by
another instance).

Token: base64url(JSON claims) "." base64url(HMAC-SHA256(key, "folkmoot-link:" + claims)). The claims
carry no secret; the key never leaves the server.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime

from governance.domain.wallet_page import LINK_LIFETIME, LinkGrant, LinkPurpose
from governance.errors import Conflict, InvalidInput, InvalidState
from governance.ports import UnitOfWork

_CONTEXT = b"folkmoot-link:"
_SESSION = b"folkmoot-session:"
MAX_TOKEN_LENGTH = 1_000

BAD_LINK = "This link is not valid. Ask for a new one with /wallet or the Vote with wallet button."
EXPIRED = "This link has expired (links last 15 minutes). Ask for a new one with /wallet or the Vote with wallet button."
USED = "This link was already used. Each link works once: ask for a new one with /wallet or the Vote with wallet button."


class LinkExpired(InvalidState):
    """The link is older than 15 minutes."""


class LinkUsed(InvalidState):
    """The link was opened before."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def read_session(key: bytes, session: str, now: datetime) -> LinkGrant:
    return read(key, session, now, _SESSION)


def mac(key: bytes, context: bytes, data: bytes) -> bytes:
    return hmac.new(key, context + data, hashlib.sha256).digest()


def issue(key: bytes, *, community_id: int, member: str, role_ids: frozenset[int], is_admin: bool,
          purpose: LinkPurpose, proposal_id: int | None, now: datetime) -> str:
    claims = {"c": community_id, "m": member, "r": sorted(role_ids), "a": is_admin, "p": purpose.value,
              "i": proposal_id, "x": int((now + LINK_LIFETIME).timestamp()), "j": secrets.token_urlsafe(12)}
    body = json.dumps(claims, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(body)}.{_b64(mac(key, _CONTEXT, body))}"


def session_token(key: bytes, token: str) -> str:
    """The visit's token once the link was used: the same claims, sealed for another purpose (a session
    cookie cannot be replayed as the one-time link, nor the link as a session)."""
    body_text = token.split(".")[0]
    return f"{body_text}.{_b64(mac(key, _SESSION, _unb64(body_text)))}"


def read(key: bytes, token: str, now: datetime, context: bytes = _CONTEXT) -> LinkGrant:
    """The grant a token carries; InvalidInput if it was not made with this key, LinkExpired if too old."""
    try:
        if len(token) > MAX_TOKEN_LENGTH:
            raise ValueError
        body_text, signature_text = token.split(".")
        body, signature = _unb64(body_text), _unb64(signature_text)
        if not hmac.compare_digest(signature, mac(key, context, body)):
            raise ValueError
        claims = json.loads(body)
        grant = LinkGrant(
            token_id=str(claims["j"]), community_id=int(claims["c"]), member=str(claims["m"]),
            role_ids=frozenset(int(r) for r in claims["r"]), is_admin=bool(claims["a"]),
            purpose=LinkPurpose(claims["p"]), proposal_id=None if claims["i"] is None else int(claims["i"]),
            expires_at=datetime.fromtimestamp(int(claims["x"]), UTC))
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput(BAD_LINK) from None
    if now >= grant.expires_at:
        raise LinkExpired(EXPIRED)
    return grant


def redeem(uow: UnitOfWork, grant: LinkGrant, now: datetime) -> None:
    """Records the link's one use; LinkUsed if it was used before."""
    try:
        with uow:
            if not uow.used_links.redeem(grant.token_id, grant.community_id, grant.member, grant.purpose.value, now):
                raise LinkUsed(USED)
            uow.commit()
    except Conflict:  # two opened it at the same moment; the other one won
        raise LinkUsed(USED) from None

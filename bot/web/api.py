"""What the page's script posts (JSON, with the visit's CSRF token): sign-in, the ballot to sign, the
signed ballot; and the receipt it polls. Each is a use case of the application object: every check is
there, server-side."""

from __future__ import annotations

import hmac
import json
from typing import Any

from aiohttp import web

from bot.web.security import CSRF_HEADER, same_origin
from bot.web.visits import GOV, Refused, call, visit
from governance.domain.wallet_page import PageBallot

MAX_BODY = 16_384


async def posted(request: web.Request) -> tuple[Any, dict]:
    """The visit's grant and the JSON body, once the CSRF token and the origin are right."""
    gov = request.app[GOV]
    grant = await visit(request)
    token = request.headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(token.encode(), gov.page_csrf(grant).encode()) or not same_origin(request, gov.page.url):
        raise Refused("csrf", 403, "This request did not come from the page; reload it and try again.")
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Refused("invalid", 413, "The request is too large.")
    try:
        body = json.loads(await request.text())
    except (ValueError, UnicodeDecodeError):
        raise Refused("invalid", 400, "The request is not JSON.") from None
    if not isinstance(body, dict):
        raise Refused("invalid", 400, "The request is not a JSON object.")
    return grant, body


def field(body: dict, name: str, kind: type, limit: int = 4_000):
    value = body.get(name)
    if kind is int and isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**256:
        return value
    if kind is str and isinstance(value, str) and len(value) <= limit:
        return value
    raise Refused("invalid", 400, f"The request's {name} is missing or not valid.")


async def sign_in_message(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    message = await call(request.app[GOV].sign_in_message, grant, field(body, "address", str, 42),
                         field(body, "chainId", int))
    return web.json_response({"message": message})


async def sign_in(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    wallet = await call(request.app[GOV].link_signed_in_wallet, grant, field(body, "message", str),
                        field(body, "signature", str, 4_000))
    return web.json_response({"wallet": wallet})


async def wallet_status(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    linked = await call(request.app[GOV].wallet_linked, grant, field(body, "address", str, 42))
    return web.json_response({"linked": linked})


async def ballot_to_sign(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    typed = await call(request.app[GOV].ballot_to_sign, grant, field(body, "proposalId", int),
                       field(body, "wallet", str, 42), field(body, "support", int))
    return web.json_response({"typedData": typed})


async def cast_ballot(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    reason = body.get("reason")
    ballot = PageBallot(
        proposal_id=field(body, "proposalId", int), wallet=field(body, "wallet", str, 42),
        support=field(body, "support", int), nonce=field(body, "nonce", int), deadline=field(body, "deadline", int),
        signature=field(body, "signature", str, 4_000), chain_id=field(body, "chainId", int),
        reason=reason if isinstance(reason, str) else None)
    queued = await call(request.app[GOV].queue_wallet_ballot, grant, ballot)
    return web.json_response({"key": queued.key, "receiptUrl": f"/receipt/{queued.key}"})


async def receipt(request: web.Request) -> web.Response:
    grant = await visit(request)
    r = await call(request.app[GOV].ballot_receipt, grant, request.match_info["key"])
    return web.json_response({"status": r.status, "txHash": r.tx_hash, "error": r.error})

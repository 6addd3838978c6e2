"""The wallet page's aiohttp application: routes, security headers, and failures as pages or JSON."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.web import api, governor, pages
from bot.web.security import security_headers
from bot.web.visits import GOV, Refused, unexpected
from governance.application import Governance

STATIC = Path(__file__).parent / "static"


@web.middleware
async def answers(request: web.Request, handler):
    """A refusal becomes the page for its state (or JSON under /api/); anything else is logged with an id."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Refused as refused:
        return _answer(request, refused)
    except Exception as error:  # noqa: BLE001 - the last resort: logged with its traceback and an id
        return _answer(request, unexpected(error))


def _answer(request: web.Request, refused: Refused) -> web.Response:
    if request.path.startswith("/api/"):
        return web.json_response({"error": refused.message, "state": refused.state}, status=refused.status)
    return pages.message_page(refused)


def make_app(gov: Governance) -> web.Application:
    app = web.Application(middlewares=[security_headers, answers], client_max_size=api.MAX_BODY)
    app[GOV] = gov
    app.add_routes([
        web.get("/w/{token}", pages.open_link),
        web.get("/link", pages.link_page),
        web.get("/vote/{proposal}", governor.vote_page),
        web.get("/receipt/{key}", pages.receipt_page),
        web.post("/api/sign-in/message", api.sign_in_message),
        web.post("/api/sign-in", api.sign_in),
        web.post("/api/wallet", api.wallet_status),
        web.post("/api/ballot/typed-data", api.ballot_to_sign),
        web.post("/api/ballot", api.cast_ballot),
        web.get("/api/receipt/{key}", api.receipt),
        web.post("/api/governor/ballot/typed-data", governor.ballot_to_sign),
        web.post("/api/governor/ballot", governor.cast_ballot),
        web.post("/api/governor/delegation/typed-data", governor.delegation_to_sign),
        web.post("/api/governor/delegation", governor.delegate),
        web.get("/favicon.ico", _no_icon),
        web.static("/static", STATIC),
    ])
    return app


async def _no_icon(request: web.Request) -> web.Response:
    return web.Response(status=204)

"""A visit: the session cookie a one-time link is exchanged for, and the answers to failures.

The link is used once, when it is opened; the visit then lasts until the link would have expired. Every
failure the member can meet is a page or a JSON answer naming its state (expired, used, closed,
not-eligible, wrong-network...), so the page can say what to do; a bug is logged with an error id."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from aiohttp import web

from bot.web.security import SESSION_COOKIE
from governance.application import Governance
from governance.domain.wallet_page import LinkGrant
from governance.errors import (
    Conflict,
    GovernanceError,
    InvalidInput,
    NotAllowed,
    NotEligible,
    NotFound,
    RateLimited,
    Unavailable,
    VotingClosed,
)
from governance.services.one_time_links import LinkExpired, LinkUsed

log = logging.getLogger("folkmoot.web")
T = TypeVar("T")
GOV = web.AppKey("gov", Governance)
STATES: list[tuple[type[GovernanceError], str, int]] = [
    (LinkExpired, "expired", 410), (LinkUsed, "used", 410), (VotingClosed, "closed", 409),
    (NotEligible, "not-eligible", 403), (NotAllowed, "not-allowed", 403), (RateLimited, "rate-limited", 429),
    (NotFound, "not-found", 404), (Unavailable, "unavailable", 503), (Conflict, "conflict", 409),
    (InvalidInput, "invalid", 400), (GovernanceError, "refused", 400),
]


class Refused(Exception):
    def __init__(self, state: str, status: int, message: str):
        super().__init__(message)
        self.state, self.status, self.message = state, status, message


def refusal(error: GovernanceError) -> Refused:
    state, status = next((s, code) for kind, s, code in STATES if isinstance(error, kind))
    if state == "invalid" and "Switch your wallet's network" in str(error):
        state = "wrong-network"
    return Refused(state, status, str(error))


def unexpected(error: BaseException) -> Refused:
    error_id = uuid.uuid4().hex[:8]
    log.error("wallet page error %s", error_id, exc_info=error)
    return Refused("error", 500, f"Something went wrong on our side (error {error_id}); nothing was queued.")


async def call(gov_call: Callable[..., T], *args) -> T:
    """A use case, off the event loop (it reads the database and the chain)."""
    try:
        return await asyncio.to_thread(gov_call, *args)
    except GovernanceError as error:
        raise refusal(error) from None


async def visit(request: web.Request) -> LinkGrant:
    session = request.cookies.get(SESSION_COOKIE)
    if not session:
        raise Refused("no-visit", 403, "Open this page from your private link (/wallet in Discord).")
    return await call(request.app[GOV].page_session, session)

"""The wallet page on a community that follows a Governor: the proposal (calls and findings decoded,
as the Discord announcement shows them), the member's voting power at its snapshot (and why, when it
is zero), and the Governor's own EIP-712 ballot signed in the wallet and relayed gas-free.

uint256 values (the Governor's proposal id, nonces) go to the page as decimal strings: a JavaScript
Number would round them."""

from __future__ import annotations

from aiohttp import web

from bot.web import pages
from bot.web.api import field, posted
from bot.web.visits import GOV, Refused, call, visit
from governance.domain.governor.call_text import call_lines
from governance.scheduler.governor_text import finding_lines

SAFE_INTEGER = 2**53 - 1


async def vote_page(request: web.Request) -> web.Response:
    """/vote/{proposal}: the Governor's page on a community that follows one, else the ledger's."""
    gov = request.app[GOV]
    grant = await visit(request)
    if not await call(gov.follows_governor, grant.community_id):
        return await pages.vote_page(request)
    page = await call(gov.governor_vote_page, grant, pages.proposal_number(request.match_info["proposal"]))
    detail = page.proposal.detail
    return pages.render("governor_vote.html", csrf=gov.page_csrf(grant), page=page, p=page.proposal, g=detail,
                  calls=call_lines(detail.calls), findings=finding_lines(detail.findings),
                        choices=pages.CHOICES)


async def ballot_to_sign(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    typed = await call(request.app[GOV].governor_page_ballot, grant, field(body, "number", int),
                       field(body, "support", int), _reason(body))
    return web.json_response({"typedData": as_json_safe(typed)})


async def cast_ballot(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    relayed = await call(request.app[GOV].relay_governor_page_ballot, grant, field(body, "number", int),
                         field(body, "support", int), _reason(body), field(body, "signature", str, 4_000))
    return web.json_response({"txHash": relayed.tx_hash, "weight": str(relayed.weight), "support": relayed.support,
                              "voter": relayed.voter, "block": relayed.block_number})


async def delegation_to_sign(request: web.Request) -> web.Response:
    grant, _ = await posted(request)
    return web.json_response({"typedData": as_json_safe(await call(request.app[GOV].page_delegation, grant))})


async def delegate(request: web.Request) -> web.Response:
    grant, body = await posted(request)
    relayed = await call(request.app[GOV].relay_page_delegation, grant, _uint(body, "nonce"), _uint(body, "expiry"),
                         field(body, "signature", str, 4_000), field(body, "chainId", int),
                         field(body, "token", str, 42))
    return web.json_response({"txHash": relayed.tx_hash, "delegatee": relayed.delegatee,
                              "block": relayed.block_number})


def _uint(body: dict, name: str) -> int:
    """A uint256 the page sends back as it got it: a number, or a decimal string past JavaScript's range."""
    value = body.get(name)
    if isinstance(value, str) and value.isdigit() and len(value) <= 78:
        body = {name: int(value)}
    return field(body, name, int)


def _reason(body: dict) -> str | None:
    reason = body.get("reason")
    if reason is None or reason == "":
        return None
    if not isinstance(reason, str) or len(reason) > 500:
        raise Refused("invalid", 400, "The reason must be text of at most 500 characters.")
    return reason


def as_json_safe(value):
    """Integers past JavaScript's safe range as decimal strings (eth_signTypedData_v4 takes them so)."""
    if isinstance(value, dict):
        return {k: as_json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_safe(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER:
        return str(value)
    return value

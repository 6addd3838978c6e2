"""The pages: a one-time link opened, the link page, the vote page and the receipt page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import jinja2
from aiohttp import web

from bot.web.security import SESSION_COOKIE
from bot.web.visits import GOV, Refused, call, visit
from governance.domain.wallet_page import LINK_LIFETIME, LinkPurpose

TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=True, undefined=jinja2.StrictUndefined)
CHOICES = [(1, "For"), (0, "Against"), (2, "Abstain")]
TITLES = {"expired": "Link expired", "used": "Link already used", "invalid": "Link not valid",
          "no-visit": "Open your private link", "closed": "Voting closed", "not-eligible": "Not eligible",
          "not-found": "Not found", "not-allowed": "Not this page", "unavailable": "Try again shortly",
          "error": "Something went wrong"}


def render(name: str, status: int = 200, **context) -> web.Response:
    return web.Response(text=TEMPLATES.get_template(name).render(**context), status=status,
                        content_type="text/html", charset="utf-8")


def message_page(refused: Refused) -> web.Response:
    return render("message.html", refused.status, state=refused.state,
                  title=TITLES.get(refused.state, "Refused"), text=refused.message)


async def open_link(request: web.Request) -> web.Response:
    gov = request.app[GOV]
    grant, session = await call(gov.open_wallet_link, request.match_info["token"])
    target = f"/vote/{grant.proposal_id}" if grant.purpose is LinkPurpose.VOTE else "/link"
    response = web.Response(status=303, headers={"Location": target})
    response.set_cookie(SESSION_COOKIE, session, max_age=int(LINK_LIFETIME.total_seconds()), httponly=True,
                        samesite="Strict", secure=(gov.page.url or "").startswith("https://"), path="/")
    return response


async def link_page(request: web.Request) -> web.Response:
    gov = request.app[GOV]
    grant = await visit(request)
    domain = await call(gov.ballot_domain, grant.community_id)
    eligible = await call(gov.may_vote_here, grant)
    return render("link.html", csrf=gov.page_csrf(grant), chain_id=domain.chain_id, ledger=domain.ledger,
                  eligible=eligible)


async def vote_page(request: web.Request) -> web.Response:
    gov = request.app[GOV]
    grant = await visit(request)
    proposal_id = proposal_number(request.match_info["proposal"])
    page = await gov.page_summary(await call(gov.vote_page, grant, proposal_id))
    domain = page.domain or await call(gov.ballot_domain, grant.community_id)
    deadline = page.proposal.deadline
    return render("vote.html", csrf=gov.page_csrf(grant), page=page, p=page.proposal, t=page.tally,
                  choices=CHOICES, chain_id=domain.chain_id, ledger=domain.ledger,
                  deadline=deadline.astimezone(UTC).strftime("%a %d %b %Y, %H:%M UTC") if deadline else "none",
                  left=_left(deadline, gov.clock.now()) if page.is_open else None)


async def receipt_page(request: web.Request) -> web.Response:
    gov = request.app[GOV]
    grant = await visit(request)
    receipt = await call(gov.ballot_receipt, grant, request.match_info["key"])
    return render("receipt.html", csrf=gov.page_csrf(grant), r=receipt, choice=dict(CHOICES)[receipt.support])


def proposal_number(text: str) -> int:
    if not text.isdigit() or len(text) > 10:
        raise Refused("not-found", 404, "There is no such proposal.")
    return int(text)


def _left(deadline: datetime | None, now: datetime) -> str | None:
    if deadline is None:
        return None
    seconds = max(0, int((deadline - now).total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    return f"{days}d {hours}h left" if days else f"{hours}h {rest // 60}m left"

"""Hostile input to the wallet page's handlers (the real aiohttp app on SQLite and py-evm): every field of
every post replaced by junk, bodies that are not JSON objects, posts without the CSRF token, from another
origin or without a visit. Each is answered with a JSON refusal naming a state (never a 500), and nothing
is queued."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from eth_account import Account

from bot.web.app import make_app
from governance.adapters.chain.connection import embedded_chain
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor
from tests.conftest import GUILD, VOTER_ROLE, member
from tests.integration.ledger.conftest import chain_now, travel

pytestmark = [pytest.mark.reliability, pytest.mark.integration]
WALLET = Account.create().address
JUNK = [None, True, -1, 1.5, 2**300, "", "x" * 5_000, "0x", "0x" + "zz" * 20, "é\u202e\u0000", [1], {"a": 1},
        "0x" + "00" * 20, 10**12]
BODIES = {
    "/api/sign-in/message": {"address": WALLET, "chainId": 1},
    "/api/sign-in": {"message": "localhost wants you to sign in", "signature": "0x" + "11" * 65},
    "/api/wallet": {"address": WALLET},
    "/api/ballot/typed-data": {"proposalId": 1, "wallet": WALLET, "support": 1},
    "/api/ballot": {"proposalId": 1, "wallet": WALLET, "support": 1, "nonce": 0, "deadline": 2**40,
                    "signature": "0x" + "11" * 65, "chainId": 1, "reason": "why"},
}


@pytest.fixture
async def visit(sqlite_engine):
    connection = embedded_chain()
    clock = ManualClock(chain_now(connection))
    gov = bootstrap(Settings(web_url="https://vote.example.org", web_secret="h" * 40), engine=sqlite_engine,
                    clock=clock, chain=connection, migrate=False)
    gov.setup_community(GUILD, "Guild", Actor(id="discord:1", is_admin=True), quorum="1",
                        voting_period=timedelta(days=2), eligible_role_id=VOTER_ROLE)
    p = gov.publish(gov.create_draft(GUILD, member(0), "Bench", "A bench.").id, member(0))
    travel(connection, clock.now())
    gov.chain.relayer.relay()
    async with TestClient(TestServer(make_app(gov))) as client:
        opened = await client.get("/w/" + gov.wallet_link_url(GUILD, member(3), p.id).rsplit("/", 1)[1],
                                  allow_redirects=False)
        session = opened.cookies["folkmoot_session"]
        assert session["httponly"] and session["samesite"] == "Strict" and session["secure"]  # an https page
        cookie = {"Cookie": f"folkmoot_session={session.value}"}
        page = await (await client.get(opened.headers["Location"], headers=cookie)).text()
        csrf = re.search(r'<meta name="csrf" content="([0-9a-f]+)">', page)[1]
        yield client, {**cookie, "X-CSRF-Token": csrf}, gov


def refused(status: int, body: dict) -> bool:
    return 400 <= status < 500 and isinstance(body.get("error"), str) and body["error"] and body.get("state")


async def test_junk_in_every_field_is_refused_in_one_line(visit):
    client, headers, gov = visit
    for path, valid in BODIES.items():
        for name in valid:
            for junk in JUNK:
                answer = await client.post(path, json={**valid, name: junk}, headers=headers)
                body = await answer.json()
                if answer.status == 200:  # a junk value that is still well-formed (e.g. the zero address)
                    assert path in ("/api/wallet", "/api/ballot/typed-data", "/api/sign-in/message"), (path, name)
                    continue
                assert refused(answer.status, body), (path, name, junk, answer.status, body)
                assert "\n" not in body["error"] and "Traceback" not in body["error"]
    assert [r for r in gov.chain.relayer.store.pending_rows(100) if r.kind == "ballot"] == []


async def test_bodies_that_are_not_objects_and_posts_from_elsewhere(visit):
    client, headers, _ = visit
    for raw in (b"", b"not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"{" * 10_000, b"1" * 20_000):
        answer = await client.post("/api/ballot", data=raw, headers={**headers, "Content-Type": "application/json"})
        assert refused(answer.status, await answer.json()), raw[:20]
    no_token = {k: v for k, v in headers.items() if k != "X-CSRF-Token"}
    for bad in (no_token, {**headers, "X-CSRF-Token": "0" * 64}, {**headers, "Origin": "https://evil.example"}):
        answer = await client.post("/api/wallet", json=BODIES["/api/wallet"], headers=bad)
        assert answer.status == 403 and (await answer.json())["state"] == "csrf"
    no_visit = await client.post("/api/wallet", json=BODIES["/api/wallet"], headers={"X-CSRF-Token": "x"})
    assert no_visit.status == 403 and (await no_visit.json())["state"] == "no-visit"
    forged = await client.post("/api/wallet", json=BODIES["/api/wallet"],
                               headers={**headers, "Cookie": "folkmoot_session=a.b"})
    assert forged.status == 400 and (await forged.json())["state"] == "invalid"
    for path in ("/w/" + "A" * 5_000, "/w/%00", "/vote/99999999999", "/vote/abc", "/receipt/nope"):
        page = await client.get(path, headers=headers)
        assert 400 <= page.status < 500 and "Traceback" not in await page.text(), path

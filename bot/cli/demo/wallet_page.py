"""A member voting on the wallet page without a browser: the same HTTP handlers the page's script posts
to (bot/web), served in process, with a wallet that signs as a browser wallet would (personal_sign for
Sign-In with Ethereum, eth_signTypedData_v4 for the ballot). The demo and the end-to-end tests use it."""

from __future__ import annotations

import re
from typing import Protocol
from urllib.parse import urlsplit

from aiohttp.test_utils import TestClient, TestServer

from bot.web.app import make_app
from bot.web.security import SESSION_COOKIE
from governance.application import Governance


class PageWallet(Protocol):
    address: str

    def sign_message(self, text: str) -> str: ...
    def sign_typed_data(self, typed: dict) -> str: ...


async def vote_on_the_page(gov: Governance, link: str, wallet: PageWallet, support: int, reason: str = "") -> str:
    """Opens the one-time link, signs in if the wallet is not linked yet, signs and sends the ballot;
    returns the ballot's receipt key."""
    async with TestClient(TestServer(make_app(gov))) as client:
        opened = await client.get(urlsplit(link).path, allow_redirects=False)
        if opened.status != 303:
            raise RuntimeError(re.search(r"<p>(.*?)</p>", await opened.text(), re.S)[1])
        # the cookie may be Secure (an https page); this in-process client talks plain http
        cookie = {"Cookie": f"{SESSION_COOKIE}={opened.cookies[SESSION_COOKIE].value}"}
        page = await (await client.get(opened.headers["Location"], headers=cookie)).text()
        csrf = re.search(r'<meta name="csrf" content="([0-9a-f]+)">', page)[1]
        chain_id = int(re.search(r'data-chain-id="(\d+)"', page)[1])
        proposal_id = int(re.search(r'data-proposal="(\d+)"', page)[1])

        async def post(path: str, body: dict) -> dict:
            answer = await client.post(path, json=body, headers={"X-CSRF-Token": csrf, **cookie})
            data = await answer.json()
            if answer.status != 200:
                raise RuntimeError(f"{path}: {data.get('error')}")
            return data

        if not (await post("/api/wallet", {"address": wallet.address}))["linked"]:
            message = (await post("/api/sign-in/message", {"address": wallet.address, "chainId": chain_id}))["message"]
            await post("/api/sign-in", {"message": message, "signature": wallet.sign_message(message)})
        typed = (await post("/api/ballot/typed-data", {"proposalId": proposal_id, "wallet": wallet.address,
                                                       "support": support}))["typedData"]
        m = typed["message"]
        queued = await post("/api/ballot", {
            "proposalId": proposal_id, "wallet": m["voter"], "support": m["support"], "nonce": m["nonce"],
            "deadline": m["deadline"], "signature": wallet.sign_typed_data(typed), "chainId": chain_id,
            "reason": reason})
        return queued["key"]

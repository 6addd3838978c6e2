"""The wallet page served for real (aiohttp on a free port, in a thread) on SQLite and the embedded py-evm
chain, and headless Chromium (Debian's, /usr/bin/chromium) driven by Playwright with a test wallet as
`window.ethereum`: the page runs unmodified; the wallet signs in Python with eth_account."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct

from bot.web.app import make_app
from governance.adapters.chain.connection import embedded_chain
from governance.adapters.llm.selection import BackendSelection
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor
from tests.conftest import GUILD, VOTER_ROLE
from tests.integration.ledger.conftest import chain_now, travel

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
INJECT = """
window.ethereum = { isTestWallet: true, request: async ({ method, params }) => {
  const answer = JSON.parse(await window.__wallet(method, JSON.stringify(params || [])));
  if (answer.error) { const e = new Error(answer.error.message); e.code = answer.error.code; throw e; }
  return answer.result;
} };
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TestWallet:
    __test__ = False  # not a test class

    """An EIP-1193 wallet for the page: answers as MetaMask would, signing with a known key. `reject` makes
    it refuse signatures (code 4001); `chain_id` is the network it says it is on; `address` may be a contract
    wallet (ERC-1271) whose owner is the key."""

    def __init__(self, account, chain_id: int, address: str | None = None):
        self.account, self.chain_id = account, chain_id
        self.address = address or account.address
        self.reject = False
        self.can_switch = False  # whether it knows the community's chain and switches when asked
        self.calls: list[str] = []
        self.typed: list[dict] = []  # every typed data it was asked to sign, as the page sent it

    def __call__(self, method: str, params: str) -> str:
        self.calls.append(method)
        args = json.loads(params)
        if method == "eth_requestAccounts":
            return json.dumps({"result": [self.address]})
        if method == "eth_chainId":
            return json.dumps({"result": hex(self.chain_id)})
        if method == "wallet_switchEthereumChain" and self.can_switch:
            self.chain_id = int(args[0]["chainId"], 16)
            return json.dumps({"result": None})
        if self.reject and method in ("personal_sign", "eth_signTypedData_v4"):
            return json.dumps({"error": {"code": 4001, "message": "User rejected the request."}})
        if method == "personal_sign":
            text = bytes.fromhex(args[0].removeprefix("0x")).decode()
            signed = Account.sign_message(encode_defunct(text=text), self.account.key)
            return json.dumps({"result": signed.signature.to_0x_hex()})
        if method == "eth_signTypedData_v4":
            self.typed.append(json.loads(args[1]))
            signed = Account.sign_typed_data(self.account.key, full_message=json.loads(args[1]))
            return json.dumps({"result": signed.signature.to_0x_hex()})
        return json.dumps({"error": {"code": 4200, "message": f"{method} is not supported by this wallet"}})


class Served:
    def __init__(self, gov, url, clock, connection):
        self.gov, self.url, self.clock, self.connection = gov, url, clock, connection

    def relay(self) -> None:
        travel(self.connection, self.clock.now())
        self.gov.chain.relayer.relay()
        self.gov.chain.indexer.poll()

    def link(self, actor: Actor, proposal_id: int | None = None) -> str:
        return self.gov.wallet_link_url(GUILD, actor, proposal_id)


@contextmanager
def serving(gov, port: int):
    """The wallet page's app for `gov` on 127.0.0.1:`port`, in a thread, while the block runs."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder = {}

    async def serve():
        from aiohttp import web

        runner = web.AppRunner(make_app(gov), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        holder["runner"] = runner
        started.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(serve()), loop.run_forever()), daemon=True)
    thread.start()
    assert started.wait(10)
    try:
        yield
    finally:
        asyncio.run_coroutine_threadsafe(holder["runner"].cleanup(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


@pytest.fixture
def served(sqlite_engine):
    connection = embedded_chain()
    clock = ManualClock(chain_now(connection))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    gov = bootstrap(Settings(web_url=url, web_secret="b" * 40), engine=sqlite_engine, clock=clock,
                    chain=connection, migrate=False, model=BackendSelection(None, "extractive, for the test"))
    gov.setup_community(GUILD, "Browser guild", Actor(id="discord:1", is_admin=True), quorum="1",
                        voting_period=timedelta(days=2), eligible_role_id=VOTER_ROLE)
    with serving(gov, port):
        yield Served(gov, url, clock, connection)
    gov.shutdown()


@pytest.fixture(scope="module")  # Playwright's sync API runs an event loop in this thread: gone after the module
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI and is not at {CHROMIUM}")
        pytest.skip("Chromium is not installed (make setup installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """A fresh page (its own cookies) with the given wallet injected (or none); console errors collected."""
    contexts = []

    def make(wallet: TestWallet | None):
        context = browser.new_context(viewport={"width": 900, "height": 1100})
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        if wallet is not None:
            page.expose_function("__wallet", wallet)
            page.add_init_script(INJECT)
        return page

    yield make
    for context in contexts:
        context.close()

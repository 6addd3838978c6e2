"""The wallet page in headless Chromium: a member opens the one-time link, the wallet signs in with SIWE and
signs the EIP-712 ballot, the recorder relays it on-chain, the receipt shows the transaction, `verify` passes;
and every state a member can meet (no wallet, wrong network, rejected signature, expired and used links,
voting closed, not eligible, an ERC-1271 wallet)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from eth_account import Account
from playwright.sync_api import expect

from governance.domain import Actor, Support
from governance.errors import VotingClosed
from tests.browser.conftest import TestWallet
from tests.conftest import GUILD, member

pytestmark = pytest.mark.browser
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "wallet-vote.png"


def publish(served, title="Plant ten trees on the east lot", body=None):
    gov = served.gov
    body = body or ("Plant ten native trees along the east lot's path this spring; 1,800 USDC for saplings, "
                    "stakes and mulch.\n\n## Risks\nSaplings may need watering through the first summer.")
    p = gov.publish(gov.create_draft(GUILD, member(0), title, body).id, member(0))
    served.relay()  # the ledger is deployed and the proposal opened on-chain
    return p


def wallet_for(served, account=None, address=None):
    return TestWallet(account or Account.create(), served.gov.chain.connection.chain_id, address)


def test_link_sign_in_vote_and_see_it_on_chain(served, open_page):
    gov = served.gov
    p = publish(served)
    gov.vote(p.id, member(3), Support.AGAINST)
    wallet = wallet_for(served)
    page = open_page(wallet)
    page.goto(served.link(member(4), p.id))
    expect(page).to_have_url(re.compile(rf"/vote/{p.id}$"))
    expect(page.get_by_role("heading", name=p.title)).to_be_visible()
    expect(page.locator("#tally")).to_contain_text("For 0 · Against 1 · Abstain 0")
    expect(page.locator(".summary")).to_contain_text("1,800 USDC")  # the AI summary keeps the amount
    expect(page.locator(".provenance")).to_contain_text("Summarized without a language model (extractive)")
    page.get_by_label("For").check()
    page.get_by_label("Reason").fill("Shade for the benches.")
    if not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.get_by_role("button", name="Sign ballot with my wallet").click()
    expect(page).to_have_url(re.compile(r"/receipt/ballot:"))
    expect(page.get_by_role("status")).to_contain_text("Queued")
    assert wallet.calls.count("personal_sign") == 1 and wallet.calls.count("eth_signTypedData_v4") == 1
    assert not any(m.startswith("eth_send") for m in wallet.calls)  # never a transaction
    served.relay()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"On-chain in transaction 0x[0-9a-f]{64}"),
                                                       timeout=10_000)
    assert {v.voter: v.support for v in gov.votes(p.id)}[member(4).id] is Support.FOR
    assert gov.tally(p.id).tally.for_votes == 1
    assert gov.verify(p.id).passed
    assert page.errors == []


def test_a_link_page_signs_in_and_the_link_works_once(served, open_page):
    wallet = wallet_for(served)
    url = served.link(member(5))
    page = open_page(wallet)
    page.goto(url)
    page.get_by_role("button", name="Connect wallet and sign in").click()
    expect(page.get_by_role("status")).to_contain_text(f"Wallet {wallet.address} is linked")
    again = open_page(wallet)
    again.goto(url)
    expect(again.get_by_role("heading", name="Link already used")).to_be_visible()


def test_an_expired_link(served, open_page):
    url = served.link(member(5))
    served.clock.advance(timedelta(minutes=16))
    page = open_page(wallet_for(served))
    response = page.goto(url)
    assert response.status == 410
    expect(page.get_by_role("heading", name="Link expired")).to_be_visible()


def test_no_wallet_wrong_network_and_a_rejected_signature(served, open_page):
    gov = served.gov
    p = publish(served)
    none = open_page(None)
    none.goto(served.link(member(6), p.id))
    none.get_by_role("button", name="Sign ballot with my wallet").click()
    expect(none.get_by_role("status").last).to_contain_text("No wallet found")

    wrong = wallet_for(served)
    wrong.chain_id = 1
    page = open_page(wrong)
    page.goto(served.link(member(6), p.id))
    page.get_by_role("button", name="Sign ballot with my wallet").click()
    expect(page.get_by_role("status").last).to_contain_text("Switch your wallet's network")
    assert "wallet_switchEthereumChain" in wrong.calls  # it was asked, and could not

    refusing = wallet_for(served)
    refusing.reject = True
    page = open_page(refusing)
    page.goto(served.link(member(6), p.id))
    page.get_by_role("button", name="Sign ballot with my wallet").click()
    expect(page.get_by_role("status").last).to_contain_text("You rejected the signature")
    assert gov.chain.relayer.store.pending_rows(10) == []  # nothing was queued

    switching = wallet_for(served)
    switching.chain_id, switching.can_switch = 1, True
    page = open_page(switching)
    page.goto(served.link(member(7), p.id))
    page.get_by_role("button", name="Sign ballot with my wallet").click()
    expect(page).to_have_url(re.compile(r"/receipt/ballot:"))  # switched when asked, then signed


def test_voting_closed_and_not_eligible(served, open_page):
    p = publish(served)
    outsider = Actor(id="discord:4242", role_ids=frozenset({5}))
    page = open_page(wallet_for(served))
    page.goto(served.link(outsider, p.id))
    expect(page.get_by_text("You do not have the role that may vote")).to_be_visible()
    expect(page.get_by_role("button", name="Sign ballot with my wallet")).to_have_count(0)
    page = open_page(wallet_for(served))
    page.goto(served.link(outsider))  # /wallet's link page says so too, before any signature
    expect(page.get_by_text("You do not have the role that may vote")).to_be_visible()
    expect(page.get_by_role("button", name="Connect wallet and sign in")).to_have_count(0)
    served.clock.advance(timedelta(days=2) - timedelta(minutes=5))
    url = served.link(member(7), p.id)  # made five minutes before the deadline, opened after it
    served.clock.advance(timedelta(minutes=6))
    page = open_page(wallet_for(served))
    page.goto(url)
    expect(page.get_by_text("Voting on this proposal is closed.")).to_be_visible()
    with pytest.raises(VotingClosed):  # and Discord gives no new link once voting is closed
        served.link(member(7), p.id)


def test_an_erc1271_contract_wallet_votes(served, open_page):
    from tests.integration.chain.helpers import deploy

    gov = served.gov
    owner = Account.create()
    w3 = gov.chain.connection.w3
    safe = deploy(w3, "MockERC1271Wallet", owner.address, sender=w3.eth.accounts[0])
    p = publish(served)
    page = open_page(wallet_for(served, owner, address=safe.address))
    page.goto(served.link(member(8), p.id))
    page.get_by_label("Against").check()
    page.get_by_role("button", name="Sign ballot with my wallet").click()
    expect(page.get_by_role("status")).to_contain_text("Queued")
    served.relay()
    expect(page.get_by_role("status")).to_contain_text("On-chain in transaction", timeout=10_000)
    assert {v.voter: v.support for v in gov.votes(p.id)}[member(8).id] is Support.AGAINST


def test_posts_without_the_pages_csrf_token_are_refused(served, open_page):
    p = publish(served)
    page = open_page(wallet_for(served))
    page.goto(served.link(member(9), p.id))
    answer = page.evaluate("""async () => {
        const r = await fetch('/api/ballot/typed-data', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                         body: JSON.stringify({proposalId: 1, wallet: '0x', support: 1})});
        return [r.status, await r.json(), r.headers.get('content-security-policy')];
    }""")
    assert answer[0] == 403 and answer[1]["state"] == "csrf"
    assert "script-src 'self'" in answer[2] and "unsafe-inline" not in answer[2]
    html = page.content()
    assert served.gov.page.key.decode() not in html  # no secret reaches the page

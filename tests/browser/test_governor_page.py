"""The wallet page on a community that follows a real OpenZeppelin 5 Governor on anvil, in headless
Chromium: a linked, delegated member opens the one-time link of a Governor proposal, sees its calls and
their voting power at the snapshot, signs the Governor's own ballot (its uint256 proposal id a decimal
string, never a JavaScript Number) and folkmoot relays it gas-free: hasVoted, the weight counted, the
transaction on the page. A signature for another proposal is refused; a member with no voting power sees
why, is offered no ballot to sign, and delegates to itself by signature, relayed gas-free."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from governance.bootstrap import bootstrap
from governance.config import Settings
from governance.domain import Support
from tests.browser.conftest import TestWallet, free_port, serving
from tests.conftest import GUILD
from tests.integration.chain.helpers import send
from tests.integration.governor.conftest import MANAGER, anvil, connection_to  # noqa: F401 - the anvil fixture
from tests.integration.governor.dao import UNIT, VOTING_DELAY, WEIGHTS, deploy_dao, transfer_call
from tests.integration.governor.test_ballot_relay import sign
from tests.integration.governor.wallets import link, wallet

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.anvil]
POST = """async ([number, signature]) => {
  const csrf = document.querySelector('meta[name="csrf"]').content;
  const r = await fetch('/api/governor/ballot', {method: 'POST', headers: {'Content-Type': 'application/json',
    'X-CSRF-Token': csrf}, body: JSON.stringify({number, support: 1, signature})});
  return [r.status, await r.json()];
}"""


@pytest.fixture
def governed(anvil, sqlite_engine, clock, admin):  # noqa: F811 - anvil is the governor tests' fixture
    dao = deploy_dao(anvil.w3, version=5)
    for holder in dao.voters[:4]:  # holders 1-4 delegate to themselves; holder 5 never does
        send(dao.token.functions.delegate(holder), holder)
    first = dao.propose([transfer_call(dao, anvil.accounts[9], 1)], "# Fund the meetup\n\nOne FOLK.")
    second = dao.propose([transfer_call(dao, anvil.accounts[9], 2)], "# Two\n\nTwo FOLK.")
    dao.mine(VOTING_DELAY + 1)
    port = free_port()
    gov = bootstrap(Settings(web_url=f"http://127.0.0.1:{port}", web_secret="c" * 40), engine=sqlite_engine,
                    clock=clock, migrate=False, chain=connection_to(anvil))
    gov.setup_community(GUILD, "DAO Guild", admin, quorum="1")
    gov.attach_governor(GUILD, MANAGER, dao.governor.address, from_block=0)
    gov.sync_governors(GUILD)
    with serving(gov, port):
        yield gov, dao, first, second
    gov.shutdown()


def test_a_linked_delegated_member_votes_on_the_governor_through_the_page(governed, open_page):
    gov, dao, first, _ = governed
    actor = link(gov, GUILD, 2)
    signer = TestWallet(wallet(2), 31337)
    page = open_page(signer)
    page.goto(gov.wallet_link_url(GUILD, actor, 1))
    expect(page).to_have_url(re.compile(r"/vote/1$"))
    expect(page.get_by_role("heading", name="Fund the meetup")).to_be_visible()
    expect(page.locator(".calls")).to_contain_text("transfer")
    expect(page.locator(".power")).to_have_attribute("data-power", str(WEIGHTS[1] * UNIT))
    expect(page.get_by_role("button", name="Delegate to myself")).to_have_count(0)  # delegated already
    page.get_by_label("For").check()
    page.get_by_label("Reason").fill("Meetups grow the DAO.")
    balance = dao.token.w3.eth.get_balance(wallet(2).address)
    page.get_by_role("button", name="Sign ballot with my wallet").click()
    expect(page.locator("#status")).to_contain_text(
        re.compile(rf"Counted by the Governor: weight {WEIGHTS[1] * UNIT}, in transaction 0x[0-9a-f]{{64}}"),
        timeout=20_000)
    (typed,) = signer.typed
    assert typed["primaryType"] == "ExtendedBallot"
    assert typed["message"]["proposalId"] == str(first)  # a decimal string: a JS Number would round it
    assert dao.governor.functions.hasVoted(first, wallet(2).address).call()
    assert dao.governor.functions.proposalVotes(first).call()[1] == WEIGHTS[1] * UNIT
    assert dao.token.w3.eth.get_balance(wallet(2).address) == balance  # gas-free for the member
    assert not any(m.startswith("eth_send") for m in signer.calls)
    assert page.errors == []


def test_a_signature_for_another_proposal_is_refused(governed, open_page):
    gov, dao, first, _ = governed
    actor = link(gov, GUILD, 3)
    signature = sign(gov.governor_ballot(GUILD, actor, "2", Support.FOR), 3)  # #2's ballot
    page = open_page(TestWallet(wallet(3), 31337))
    page.goto(gov.wallet_link_url(GUILD, actor, 1))
    status, answer = page.evaluate(POST, [1, signature])
    assert status == 400 and "signature" in answer["error"]
    status, answer = page.evaluate(POST, [2, signature])  # the link is for #1 only
    assert status == 403 and answer["state"] == "not-allowed"
    assert not dao.governor.functions.hasVoted(first, wallet(3).address).call()


def test_a_member_with_no_voting_power_sees_why_and_delegates_by_signature(governed, open_page):
    gov, dao, _, _ = governed
    actor = link(gov, GUILD, 5)  # holds FOLK, never delegated
    signer = TestWallet(wallet(5), 31337)
    page = open_page(signer)
    page.goto(gov.wallet_link_url(GUILD, actor, 1))
    expect(page.locator(".power")).to_have_attribute("data-power", "0")
    expect(page.locator(".power")).to_contain_text("never delegated")
    expect(page.locator(".fix")).to_contain_text("Delegate to yourself")
    expect(page.get_by_text("nothing to sign")).to_be_visible()
    expect(page.get_by_role("button", name="Sign ballot with my wallet")).to_have_count(0)
    balance = dao.token.w3.eth.get_balance(wallet(5).address)
    page.get_by_role("button", name="Delegate to myself").click()
    expect(page.locator("#status")).to_contain_text(re.compile(r"Delegated to yourself in transaction 0x[0-9a-f]{64}"),
                                                    timeout=20_000)
    assert signer.typed[0]["primaryType"] == "Delegation"
    assert dao.token.functions.delegates(wallet(5).address).call() == wallet(5).address
    assert dao.token.w3.eth.get_balance(wallet(5).address) == balance  # gas-free for the member
    assert not any(m.startswith("eth_send") for m in signer.calls)
    assert page.errors == []

"""From the Discord button to a confirmed on-chain wallet vote, through the real discord.py client: "Vote
with wallet" beside For / Against / Abstain and /wallet answer privately with a one-time link; the link
opens the wallet page (its handlers, as the page's script posts to them), the wallet signs in and signs its
ballot, the recorder relays it, and verify passes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct

from bot.cli.demo.wallet_page import vote_on_the_page
from governance.adapters.chain.connection import embedded_chain
from governance.adapters.sql.ai_store import SqlAiRecordStore
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Support
from governance.domain.outbox import RecordStatus
from tests.e2e.conftest import button, propose, publish
from tests.e2e.stand_ins import StandInAi

pytestmark = pytest.mark.e2e


class Wallet:
    def __init__(self):
        self.account = Account.create()
        self.address = self.account.address

    def sign_message(self, text: str) -> str:
        return Account.sign_message(encode_defunct(text=text), self.account.key).signature.to_0x_hex()

    def sign_typed_data(self, typed: dict) -> str:
        return Account.sign_typed_data(self.account.key, full_message=typed).signature.to_0x_hex()


@pytest.fixture
def page_gov(sqlite_engine):
    chain = embedded_chain()
    clock = ManualClock(datetime.fromtimestamp(chain.w3.eth.get_block("latest")["timestamp"] + 60, UTC))
    return bootstrap(Settings(web_url="https://vote.example.org", web_secret="e" * 40), engine=sqlite_engine,
                     clock=clock, migrate=False, chain=chain, ai=StandInAi(SqlAiRecordStore(sqlite_engine)))


def link_of(message: dict) -> str:
    urls = [c["url"] for row in message["components"] for c in row["components"] if c.get("url")]
    assert len(urls) == 1, message
    return urls[0]


async def test_vote_with_wallet_button_to_an_on_chain_vote(bots, discord_server, guild, admin, page_gov):
    gov = page_gov
    await bots.start(gov)
    await (await discord_server.members.slash(admin, "config", eligible_role="Voters")).reply()
    author, voter = guild.members["voter1"], guild.members["voter4"]
    _, preview = await propose(discord_server, author, "Plant ten trees along the east path this spring.")
    post = await publish(discord_server, author, preview)
    labels = [c.get("label") for row in post["components"] for c in row["components"]]
    assert labels == ["For", "Against", "Abstain", "Vote with wallet"]
    await asyncio.to_thread(gov.sync_chain)  # the ledger deployed, the proposal opened on-chain

    clicked = await discord_server.members.click(voter, post, button(post, "1"))  # the one id ending ":1": ":wallet-vote:1"
    answer = await clicked.reply()
    assert discord_server.is_ephemeral(answer)
    assert "works once, for 15 minutes" in answer["content"]
    link = link_of(answer)
    assert link.startswith("https://vote.example.org/w/")

    shown = await (await discord_server.members.slash(voter, "wallet")).reply()
    assert discord_server.is_ephemeral(shown) and "link your wallet" in shown["content"]
    assert link_of(shown) != link

    key = await vote_on_the_page(gov, link, Wallet(), int(Support.AGAINST), "Not this year.")
    with pytest.raises(RuntimeError, match="already used"):  # the link works once
        await vote_on_the_page(gov, link, Wallet(), int(Support.FOR))
    await asyncio.to_thread(gov.sync_chain)
    record = gov.outbox_record(key)
    assert record.status is RecordStatus.CONFIRMED and record.tx_hash
    assert {v.voter: v.support for v in gov.votes(1)}[f"discord:{voter.id}"] is Support.AGAINST
    assert gov.verify(1).passed

    gov.clock.advance(timedelta(days=8))  # past the deadline: the button says so instead of giving a link
    late = await (await discord_server.members.click(voter, post, button(post, "1"))).reply()
    assert late["content"] == "Voting on proposal #1 is closed." and discord_server.is_ephemeral(late)

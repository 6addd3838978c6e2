"""/why-zero through the real discord.py client, on a server that follows a real OpenZeppelin Governor
on anvil: a member links a wallet with /wallet (no ledger is deployed for it), then asks why their
voting power is zero; the answer is private and acknowledged before the chain is read."""

from __future__ import annotations

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct

from governance.adapters.chain.wallet_proof import link_message
from tests.e2e.conftest import text_of
from tests.e2e.test_governor import following_app
from tests.integration.governor import conftest as governor_fixtures
from tests.integration.governor.conftest import MANAGER
from tests.integration.governor.dao import deploy_dao
from tests.integration.governor.test_voting_power import holders_in_every_case
from tests.integration.governor.wallets import wallet

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.anvil]
anvil = governor_fixtures.anvil
EPHEMERAL = 64


async def link_in_discord(discord_server, guild, member, index: int) -> dict:
    account = wallet(index)
    message = encode_defunct(text=link_message(guild.id, f"discord:{member.id}", account.address))
    signature = Account.sign_message(message, account.key).signature.to_0x_hex()
    return await (await discord_server.members.slash(member, "wallet", address=account.address,
                                                     signature=signature)).reply()


async def test_why_zero_explains_each_members_case_privately(bots, discord_server, guild, anvil, sqlite_engine, clock):
    dao = deploy_dao(anvil.w3)
    gov = following_app(sqlite_engine, anvil, clock)
    gov.setup_community(guild.id, guild.name, MANAGER)
    gov.attach_governor(guild.id, MANAGER, dao.governor.address, from_block=0)
    holders_in_every_case(anvil, dao)
    gov.sync_governors(guild.id)
    await bots.start(gov)
    members = {index: guild.members[f"voter{index}"] for index in (1, 2, 3, 7, 8)}
    how = text_of(await (await discord_server.members.slash(members[1], "wallet")).reply())
    assert "follows the DAO's on-chain Governor" in how and f"in community {guild.id}" in how and "/why-zero" in how
    for index, member in members.items():
        linked = await link_in_discord(discord_server, guild, member, index)
        assert linked["content"].startswith(f"🔗 Wallet `{wallet(index).address}` linked."), linked["content"]
    assert gov.chain.deployments() == []  # linking wrote no ledger

    expected = {1: ("Your voting power", "You have 500,000 FOLK of voting power"),
                2: ("never delegated", "but had never delegated them"),
                3: ("delegated to someone else", f"Your delegate {wallet(1).address.lower()} voted for"),
                7: ("tokens after the snapshot", "arrived after proposal #1's snapshot"),
                8: ("no tokens", "held no FOLK")}
    for index, (title, said) in expected.items():
        asked = await discord_server.members.slash(members[index], "why-zero")
        acknowledged = await asked.answered()
        assert acknowledged["type"] == 5 and acknowledged["data"]["flags"] == EPHEMERAL  # deferred, private
        answer = await asked.reply()
        assert title in answer["embeds"][0]["title"] and said in text_of(answer), text_of(answer)
        assert answer["flags"] & EPHEMERAL
    fix = text_of(await (await discord_server.members.slash(members[2], "why-zero", proposal=1)).reply())
    assert "Delegate to yourself" in fix and "Pay the printer" in fix

    stranger = await (await discord_server.members.slash(guild.members["voter9"], "why-zero")).reply()
    assert stranger["content"].startswith("You have not linked a wallet in this server")
    looked_up = await (await discord_server.members.slash(guild.members["voter9"], "why-zero",
                                                          address=dao.voters[4])).reply()
    assert "never delegated" in looked_up["embeds"][0]["title"] and "20,000 FOLK" in text_of(looked_up)
    typo = await (await discord_server.members.slash(guild.members["voter9"], "why-zero", address="0xabc")).reply()
    assert typo["content"] == "That is not an address; it looks like 0x followed by 40 hex digits."
    missing = await (await discord_server.members.slash(members[1], "why-zero", proposal=5)).reply()
    assert missing["content"].startswith("This community's Governor has no proposal #5")
    for body in discord_server.message_payloads():
        assert body.get("allowed_mentions") == {"parse": []}

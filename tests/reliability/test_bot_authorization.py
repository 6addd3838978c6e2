"""Who may do what in Discord: the real bot client against the local Discord (tests/e2e/fake_discord).

The server has a Voters role (may vote) and a Proposers role (may propose). Four members:
  member      Voters
  ineligible  no role
  proposer    Voters and Proposers
  admin       Manage Server (and the Admins and Voters roles)
The fake Discord shows every command to everyone (it does not apply `default_permissions`), so
the bot's own checks are what is tested. A refusal is one private line and writes nothing.
"""

from __future__ import annotations

import pytest

from governance.domain import Actor
from tests.e2e.conftest import bots, button, discord_server, gov, propose, publish  # noqa: F401 (fixtures)
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.fake_discord.world import Member, snowflake
from tests.reliability.snapshot import Snapshots, assert_user_safe

pytestmark = [pytest.mark.reliability, pytest.mark.e2e]

OK = "allowed"
CANNOT_PROPOSE = "You do not have the role that may make proposals in this community."
CANNOT_VOTE = "You do not have the role that may vote in this community."
NOT_MANAGER = "Only server managers can change the community settings."
NOT_MANAGER_DIGEST = "Only server managers can post the digest."

# The policy at a glance: what each member gets back. OK means the command did its work.
EXPECTED = {
    "/propose": {"member": CANNOT_PROPOSE, "ineligible": CANNOT_PROPOSE, "proposer": OK, "admin": OK},
    "vote button": {"member": OK, "ineligible": CANNOT_VOTE, "proposer": OK, "admin": OK},
    "/vote": {"member": OK, "ineligible": CANNOT_VOTE, "proposer": OK, "admin": OK},
    "/config": {"member": NOT_MANAGER, "ineligible": NOT_MANAGER, "proposer": NOT_MANAGER, "admin": OK},
    "/digest now": {"member": NOT_MANAGER_DIGEST, "ineligible": NOT_MANAGER_DIGEST,
                    "proposer": NOT_MANAGER_DIGEST, "admin": OK},
}


class Server:
    def __init__(self, discord: FakeDiscord, snapshots: Snapshots):
        self.discord = discord
        self.snapshots = snapshots
        guild = discord.guild
        self.members = {"member": guild.members["voter1"], "ineligible": guild.members["outsider"],
                        "proposer": guild.members["proposer"], "admin": guild.members["admin"]}
        self.post: dict | None = None  # a published proposal, for the vote commands

    async def open_proposal(self) -> None:
        _, preview = await propose(self.discord, self.members["proposer"], "Fix the fence by the gate.")
        self.post = await publish(self.discord, self.members["proposer"], preview)

    async def outcome(self, command: str, who: str) -> str:
        """OK, or the exact refusal, checked: private, one line, nothing written."""
        member, members = self.members[who], self.discord.members
        before = self.snapshots.take()
        if command == "/propose":
            opened = await members.slash(member, "propose")
            answer = await opened.answered()
            if answer["type"] == 9:  # the idea form opened
                return OK
            message = await opened.reply()
        else:
            log = await {
                "vote button": lambda: members.click(member, self.post, button(self.post, "for")),
                "/vote": lambda: members.slash(member, "vote", proposal=1, choice=0),
                "/config": lambda: members.slash(member, "config", quorum="5"),
                "/digest now": lambda: members.slash(member, "digest now"),
            }[command]()
            message = await log.reply()
            if self.succeeded(command, message):
                return OK
        content = message["content"]
        assert self.discord.is_ephemeral(message), f"{command} refusal for {who} is public"
        assert_user_safe(Exception(content))
        assert self.snapshots.take() == before, f"{command} refused for {who} but wrote to the database"
        return content

    @staticmethod
    def succeeded(command: str, message: dict) -> bool:
        content = message.get("content") or ""
        embed_text = " ".join(e.get("description") or "" for e in message.get("embeds") or [])
        return {
            "vote button": content.startswith("🗳️ Your vote on #1"),
            "/vote": content.startswith("🗳️ Your vote on #1"),
            "/config": "Changed: quorum" in embed_text,
            "/digest now": content.startswith("📰 Digest posted"),
        }[command]


@pytest.fixture
async def server(discord_server, bots, gov, sqlite_engine) -> Server:  # noqa: F811
    guild = discord_server.guild
    guild.roles["Proposers"] = snowflake()  # before the bot connects, so it is in GUILD_CREATE
    guild.members["proposer"] = Member(snowflake(), "proposer",
                                       (guild.roles["Voters"], guild.roles["Proposers"]))
    gov.setup_community(guild.id, guild.name, Actor("cli:operator", is_admin=True),
                        eligible_role_id=guild.roles["Voters"], proposer_role_id=guild.roles["Proposers"])
    await bots.start()
    return Server(discord_server, Snapshots(sqlite_engine))


@pytest.mark.parametrize("command", EXPECTED)
async def test_who_may_use_each_command(server, command):
    if command in ("vote button", "/vote"):
        await server.open_proposal()
    observed = {who: await server.outcome(command, who) for who in server.members}
    assert observed == EXPECTED[command]

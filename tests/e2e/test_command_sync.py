"""On start the bot registers every slash command, with its options, in the configured guild."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

EXPECTED = {
    "propose": set(),
    "proposal": {"show", "list"},
    "vote": {"proposal", "choice", "reason"},
    "tally": {"proposal"},
    "summarize": {"proposal"},
    "verify": {"proposal"},
    "wallet": {"address", "signature"},
    "wallet-unlink": set(),
    "reminders": {"direct_messages"},
    "digest": {"now"},
    "why-zero": {"proposal", "address"},
    "config": {"digest_channel", "digest_schedule", "voting_period", "quorum", "threshold",
               "eligible_role", "proposer_role", "governor", "from_block", "governor_channel"},
}


def walk(options: list[dict]):
    for option in options:
        yield option
        yield from walk(option.get("options", []))


async def test_every_command_is_registered_with_its_options(bot, discord_server, guild):
    puts = [c for c in discord_server.calls if c.method == "PUT"]
    assert [c.path for c in puts] == [f"/applications/{discord_server.bot.id}/guilds/{guild.id}/commands"]
    commands = {c["name"]: c for c in puts[0].body}
    assert set(commands) == set(EXPECTED)
    for name, options in EXPECTED.items():
        assert {o["name"] for o in commands[name].get("options", [])} == options, name
    for command in commands.values():  # what members read in the command picker
        assert 1 <= len(command["description"]) <= 100
        for option in walk(command.get("options", [])):
            assert 1 <= len(option["description"]) <= 100 and option["description"] != "…", option


async def test_options_carry_choices_autocomplete_and_permissions(bot, discord_server):
    vote = discord_server.registered("vote")
    by_name = {o["name"]: o for o in vote["options"]}
    assert by_name["proposal"]["type"] == 4 and by_name["proposal"]["autocomplete"] is True
    assert [c["name"] for c in by_name["choice"]["choices"]] == ["For", "Against", "Abstain"]
    assert by_name["reason"]["required"] is False and by_name["reason"]["max_length"] == 500
    show = next(o for o in discord_server.registered("proposal")["options"] if o["name"] == "show")
    assert show["options"][0]["autocomplete"] is True
    listing = next(o for o in discord_server.registered("proposal")["options"] if o["name"] == "list")
    assert {c["value"] for c in listing["options"][0]["choices"]} == {"open", "draft", "closed", "withdrawn"}
    manage_guild = 1 << 5
    assert int(discord_server.registered("config")["default_member_permissions"]) == manage_guild
    assert int(discord_server.registered("digest")["default_member_permissions"]) == manage_guild

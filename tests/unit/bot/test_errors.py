"""Which failures members see as their own one line, and which are bugs to log."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.discord.errors import CommunityNotReady, user_message
from bot.discord.params import ProposalParam
from governance.errors import ProposalNotFound, Unavailable


def raised_from(error: Exception, cause: BaseException) -> Exception:
    error.__cause__ = cause  # as `raise error from cause` leaves it
    return error


def test_domain_errors_inside_discord_wrappers_show_their_own_line():
    command = app_commands.Command(name="x", description="x", callback=lambda interaction: None)
    wrapped = app_commands.CommandInvokeError(command, ProposalNotFound(12))
    assert user_message(wrapped) == "Proposal #12 does not exist."
    transformer = raised_from(app_commands.TransformerError(12, discord.AppCommandOptionType.integer, ProposalParam()),
                              ProposalNotFound(12))
    assert user_message(transformer) == "Proposal #12 does not exist."
    assert user_message(raised_from(CommunityNotReady(), Unavailable("The database is down."))) == \
        "The database is down."


def test_discord_refusals_have_plain_lines():
    assert user_message(app_commands.NoPrivateMessage()) == \
        "Use this command in a server, not in direct messages."
    bad_value = app_commands.TransformerError("abc", discord.AppCommandOptionType.integer,
                                           ProposalParam())
    assert user_message(bad_value) == "'abc' is not a valid integer."


def test_anything_else_is_a_bug():
    assert user_message(RuntimeError("boom")) is None
    assert user_message(raised_from(CommunityNotReady(), RuntimeError("disk full"))) is None

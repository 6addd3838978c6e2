"""One place that turns any failure into what the member sees.

Domain errors (GovernanceError) carry their own one-line, user-safe text. Anything
else is logged with its traceback under a short error id, and the member gets an
apology quoting that id, so a report can be matched to the log.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.discord import replies
from governance.errors import GovernanceError

log = logging.getLogger("folkmoot.bot")
T = TypeVar("T")


class CommunityNotReady(app_commands.AppCommandError):
    """Setting up the guild as a community failed; the cause says why."""


class CannotPost(GovernanceError):
    """The bot lacks the permissions to post in this channel; the text says which."""


def root_cause(error: BaseException) -> BaseException:
    """Unwraps discord.py's wrappers (CommandInvokeError, TransformerError…) to what was raised."""
    while True:
        inner = getattr(error, "original", None) or error.__cause__
        if inner is None or not isinstance(error, (app_commands.AppCommandError, discord.DiscordException)):
            return error
        error = inner


def user_message(error: BaseException) -> str | None:
    """The one line to show for an expected failure, or None for a bug."""
    cause = root_cause(error)
    if isinstance(cause, GovernanceError):
        return str(cause)
    if isinstance(cause, app_commands.NoPrivateMessage):
        return "Use this command in a server, not in direct messages."
    if isinstance(cause, app_commands.MissingPermissions):
        return "You need the Manage Server permission for this."
    if isinstance(cause, app_commands.TransformerError):
        return f"'{str(cause.value)[:40]}' is not a valid {cause.type.name}."
    return None


def apology(error_id: str) -> str:
    return (f"Sorry, something went wrong on our side (error `{error_id}`). It has been logged; "
            "please try again in a moment.")


async def report(interaction: discord.Interaction, error: BaseException) -> None:
    message = user_message(error)
    if message is None:
        error_id = secrets.token_hex(4)
        where = interaction.command.qualified_name if interaction.command else interaction.data
        log.error("error %s handling %s for user %s", error_id, where, interaction.user.id,
                  exc_info=(type(error), error, error.__traceback__))
        message = apology(error_id)
    if interaction.type is discord.InteractionType.autocomplete:
        return  # an autocomplete cannot show a message; an empty list is all it gets
    try:
        await replies.private(interaction, message)
    except discord.HTTPException:
        log.warning("could not tell user %s about an error (interaction expired?)", interaction.user.id)


def reporting_errors(callback: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T | None]]:
    """For component callbacks, whose errors discord.py only logs: route them to `report`."""

    @functools.wraps(callback)
    async def guarded(self: Any, interaction: discord.Interaction, *args: Any) -> T | None:
        try:
            return await callback(self, interaction, *args)
        except Exception as error:  # noqa: BLE001 - every failure must reach the member and the log
            await report(interaction, error)
            return None

    return guarded


class ReportingModal(discord.ui.Modal):
    """A modal whose failures reach the member like any command's."""

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report(interaction, error)

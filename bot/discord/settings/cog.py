"""/config: how this server governs, and the on-chain Governor it follows. Server managers only;
the core audits every change."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.governor.embeds import following
from bot.discord.members import actor_for
from bot.discord.settings.embeds import settings
from governance.domain.durations import parse_duration
from governance.errors import InvalidInput

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

SCHEDULES = [("Mondays 09:00", "0 9 * * mon"), ("Every day 09:00", "0 9 * * *"),
             ("Fridays 17:00", "0 17 * * fri"), ("1st of the month 09:00", "0 9 1 * *")]
PERIODS = ["1d", "3d", "7d", "14d", "30d"]
LABELS = {"digest_channel_id": "digest channel", "digest_cron": "digest schedule",
          "voting_period": "voting period", "quorum": "quorum", "threshold_bps": "threshold",
          "eligible_role_id": "who may vote", "proposer_role_id": "who may propose"}


def role_setting(role: discord.Role) -> int | None:
    """@everyone means no restriction."""
    return None if role.is_default() else role.id


class Settings(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.gov = bot.gov

    @app_commands.command(name="config")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def config(
        self, interaction: discord.Interaction,
        digest_channel: discord.TextChannel | None = None,
        digest_schedule: app_commands.Range[str, 9, 100] | None = None,
        voting_period: app_commands.Range[str, 2, 10] | None = None,
        quorum: app_commands.Range[str, 1, 10] | None = None,
        threshold: app_commands.Range[float, 0.0, 99.99] | None = None,
        eligible_role: discord.Role | None = None,
        proposer_role: discord.Role | None = None,
        governor: app_commands.Range[str, 1, 100] | None = None,
        from_block: app_commands.Range[int, 0, None] | None = None,
        governor_channel: discord.TextChannel | None = None,
    ) -> None:
        """Change how this server governs (Manage Server); with no options, show the settings.

        Args:
            digest_channel: Where the digest is posted.
            digest_schedule: When the digest is posted, as a cron line such as 0 9 * * mon.
            voting_period: How long new proposals stay open for votes, e.g. 3d, 12h or 2w.
            quorum: Voters needed for a valid result: a number (25) or a share of eligible members (20%).
            threshold: Percent of For among For + Against that a proposal must exceed to pass.
            eligible_role: Only members with this role may vote (choose @everyone for everybody).
            proposer_role: Only members with this role may propose (@everyone: whoever may vote).
            governor: Follow this OpenZeppelin Governor (its 0x address) on the bot's chain.
            from_block: With governor: index its proposals from this block (default: from now).
            governor_channel: With governor: announce its proposals here (default: the digest channel).
        """
        if governor is not None:
            await self._follow(interaction, governor, from_block, governor_channel)
            return
        if from_block is not None or governor_channel is not None:
            raise InvalidInput("from_block and governor_channel go with governor: the Governor's 0x address.")
        changes: dict[str, Any] = {}
        if digest_channel is not None:
            changes["digest_channel_id"] = digest_channel.id
        if digest_schedule is not None:
            changes["digest_cron"] = " ".join(digest_schedule.split())
        if voting_period is not None:
            changes["voting_period"] = parse_duration(voting_period)
        if quorum is not None:
            changes["quorum"] = quorum
        if threshold is not None:
            changes["threshold_bps"] = round(threshold * 100)
        if eligible_role is not None:
            changes["eligible_role_id"] = role_setting(eligible_role)
        if proposer_role is not None:
            changes["proposer_role_id"] = role_setting(proposer_role)
        if changes:
            community = await asyncio.to_thread(self.gov.configure, interaction.guild_id,
                                                actor_for(interaction), **changes)
        else:
            community = await asyncio.to_thread(self.gov.community, interaction.guild_id)
        await replies.private(interaction, embed=settings(community, [LABELS[k] for k in changes]))

    async def _follow(self, interaction: discord.Interaction, address: str, from_block: int | None,
                      channel: discord.TextChannel | None) -> None:
        """Reads what the address is before following it (one line if it is not a Governor)."""
        await replies.think_privately(interaction)  # the chain is asked a dozen questions
        info = await asyncio.to_thread(self.gov.attach_governor, interaction.guild_id, actor_for(interaction),
                                       address, from_block, None, channel.id if channel else None)
        community = await asyncio.to_thread(self.gov.community, interaction.guild_id)
        await replies.private(interaction, embed=following(info, info.channel_id or community.digest_channel_id))

    @config.autocomplete("digest_schedule")
    async def suggest_schedule(self, interaction: discord.Interaction, typed: str
                               ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f"{label} ({cron})", value=cron) for label, cron in SCHEDULES
                if typed.lower() in f"{label} {cron}".lower()]

    @config.autocomplete("voting_period")
    async def suggest_period(self, interaction: discord.Interaction, typed: str
                             ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=p, value=p) for p in PERIODS if p.startswith(typed.strip())] or \
            [app_commands.Choice(name=p, value=p) for p in PERIODS]


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Settings(bot))

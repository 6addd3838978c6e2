"""A linked wallet follows its member's eligibility: /wallet-unlink undoes the link on request, and a
sweep unlinks the wallets of members who lost the voter role or left the server.

The bot asks for no privileged intent, so it hears of no role change or departure: the sweep asks
Discord about each member with a linked wallet (one REST call each; linked wallets are few)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.discord import replies
from bot.discord.members import actor_for, actor_of_member
from governance.domain import Community
from governance.domain.votes import discord_voter

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

log = logging.getLogger("folkmoot.bot")
SWEEP_MINUTES = 10
NO_LONGER_A_VOTER = "no longer a voter (lost the voter role or left the server)"


class WalletEligibility(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.bot, self.gov = bot, bot.gov

    async def cog_load(self) -> None:
        if self.bot.run_background:
            self.sweeping.start()

    async def cog_unload(self) -> None:
        self.sweeping.cancel()

    @app_commands.command(name="wallet-unlink")
    @app_commands.guild_only()
    async def wallet_unlink(self, interaction: discord.Interaction) -> None:
        """Unlink your wallet from your vote here: its signed ballots no longer count."""
        await replies.think_privately(interaction)
        unlinked = await asyncio.to_thread(self.gov.unlink_wallet, interaction.guild_id,
                                           actor_for(interaction).id)
        if not unlinked:
            await replies.private(interaction, "You have no wallet linked in this server.")
            return
        shown = ", ".join(f"`{w}`" for w in unlinked)
        await replies.private(interaction, f"⛓️‍💥 Wallet {shown} unlinked; ballots it signs from now on do not count.")

    @tasks.loop(minutes=SWEEP_MINUTES)
    async def sweeping(self) -> None:
        try:
            await self.sweep()
        except Exception:
            log.exception("the sweep of linked wallets failed; it runs again in %s minutes", SWEEP_MINUTES)

    async def sweep(self) -> list[str]:
        """Unlinks the wallets of members who may no longer vote; returns the wallets unlinked."""
        unlinked: list[str] = []
        for guild in list(self.bot.guilds):
            links = await asyncio.to_thread(self.gov.linked_wallets, guild.id)
            members = {int(m.split(":", 1)[1]) for m in links if m.startswith("discord:")}
            if not members:
                continue
            community = await asyncio.to_thread(self.gov.community, guild.id)
            for member_id in sorted(members):
                if await self._may_vote(guild, member_id, community):
                    continue
                unlinked += await asyncio.to_thread(self.gov.unlink_wallet, guild.id, discord_voter(member_id),
                                                    NO_LONGER_A_VOTER)
        return unlinked

    @staticmethod
    async def _may_vote(guild: discord.Guild, member_id: int, community: Community) -> bool:
        """Asked of Discord (a cached member may be stale); only "Unknown Member" means they left, any other
        failure raises and the sweep tries again later."""
        try:
            member = await guild.fetch_member(member_id)
        except discord.NotFound:
            return False
        return actor_of_member(member).may_vote(community)


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(WalletEligibility(bot))

"""/why-zero: why the member's voting power on the followed Governor is what it is (a voting-power
doctor), read from the chain for the wallet they linked with /wallet. Private; acknowledged before
the chain is read (a public node can take longer than Discord's 3 seconds)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.members import actor_for
from bot.discord.params import MAX_CHOICES, SEARCHED, choice_label, matches
from bot.discord.voting_power.embeds import diagnosis_embed

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class VotingPower(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.gov = bot.gov

    @app_commands.command(name="why-zero")
    @app_commands.guild_only()
    async def why_zero(self, interaction: discord.Interaction,
                       proposal: app_commands.Range[int, 1, 2**31 - 1] | None = None,
                       address: app_commands.Range[str, 1, 100] | None = None) -> None:
        """Why your voting power on the DAO's Governor is what it is (zero, most often), and the fix.

        Args:
            proposal: The Governor proposal's number (default: the latest one open for votes).
            address: Any wallet address (default: the wallet you linked with /wallet).
        """
        await replies.think_privately(interaction)
        diagnosis = await asyncio.to_thread(self.gov.why_zero, interaction.guild_id,
                                            member=actor_for(interaction).id, address=address, reference=proposal)
        await replies.private(interaction, embed=diagnosis_embed(diagnosis))

    @why_zero.autocomplete("proposal")
    async def _proposals(self, interaction: discord.Interaction, value: str) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        found = await asyncio.to_thread(self.gov.proposal_headings, interaction.guild_id, limit=SEARCHED)
        return [app_commands.Choice(name=choice_label(h), value=h.number)
                for h in found if matches(h, str(value))][:MAX_CHOICES]


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(VotingPower(bot))

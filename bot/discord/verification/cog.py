"""/verify: the on-chain record of a proposal, as members can check it."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.params import AnyProposal
from bot.discord.verification.embeds import verification

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class Verification(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.gov = bot.gov

    @app_commands.command(name="verify")
    @app_commands.guild_only()
    async def verify(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Compare a proposal's texts, votes and outcome in the bot's database with the chain, item by item.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        await replies.think_privately(interaction)  # reading the chain may take a while
        configured = self.gov.chain_configured
        items = (await asyncio.to_thread(self.gov.verify_proposal, proposal)).items if configured else []
        heading = f"#{proposal.number} · {proposal.title}"
        await replies.private(interaction, embed=verification(heading, items, configured))


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Verification(bot))

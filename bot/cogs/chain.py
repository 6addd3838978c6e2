"""/verify and /wallet: the on-chain record, as members can check it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import replies
from bot.embeds.records import verification, wallet
from bot.params import AnyProposal

if TYPE_CHECKING:
    from bot.client import FolkmootBot


class Chain(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.bot = bot

    @app_commands.command(name="verify")
    @app_commands.guild_only()
    async def verify(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Compare a proposal's texts, votes and outcome in the bot's database with the chain, item by item.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        await replies.think_privately(interaction)  # reading the chain may take a while
        chain = self.bot.services.chain
        items = await chain.verify(proposal.id) if chain.configured else []
        await replies.private(interaction, embed=verification(proposal, items, chain.configured))

    @app_commands.command(name="wallet")
    @app_commands.guild_only()
    async def wallet(self, interaction: discord.Interaction) -> None:
        """Learn how to vote by signing with your own Ethereum wallet instead of the buttons."""
        await replies.think_privately(interaction)
        text = await self.bot.services.chain.wallet_instructions(interaction.guild_id)
        await replies.private(interaction, embed=wallet(text))


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Chain(bot))

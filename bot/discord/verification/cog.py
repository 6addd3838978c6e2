"""/verify and /wallet: the on-chain record, as members can check it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.members import actor_for
from bot.discord.params import AnyProposal
from bot.discord.verification.embeds import verification, wallet
from governance.errors import InvalidInput

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


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
    async def wallet(self, interaction: discord.Interaction, address: str | None = None,
                     signature: str | None = None) -> None:
        """Vote with your own Ethereum wallet: shows how, or links your wallet when you give both values.

        Args:
            address: Your wallet address (0x…), to link it to your vote here.
            signature: Your wallet's signature of the link message that /wallet shows.
        """
        await replies.think_privately(interaction)
        chain = self.bot.services.chain
        if address is None and signature is None:
            text = await chain.wallet_instructions(interaction.guild_id)
            await replies.private(interaction, embed=wallet(text))
            return
        if not (address and signature):
            raise InvalidInput("Give both your wallet address and the signature, or neither to see how.")
        await chain.link_wallet(interaction.guild_id, actor_for(interaction), address.strip(), signature.strip())
        await replies.private(interaction, f"🔗 Wallet `{address.strip()}` will be linked to your vote once "
                                           "the link is written on-chain (a minute or so).")


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Chain(bot))

"""/wallet: how to vote with an Ethereum wallet, or linking one to the member's vote."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.members import actor_for
from bot.discord.wallet.embeds import NO_CHAIN, governor_instructions, instructions, wallet
from governance.errors import InvalidInput, Unavailable

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot


class Wallet(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.gov = bot.gov

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
        configured = self.gov.chain_configured
        if address is None and signature is None:
            if configured and await asyncio.to_thread(self.gov.follows_governor, interaction.guild_id):
                await replies.private(interaction, embed=wallet(governor_instructions(interaction.guild_id)))
                return
            if self.gov.wallet_page_ready:  # the wallet page votes in Folkmoot's ledger
                url = await asyncio.to_thread(self.gov.wallet_link_url, interaction.guild_id,
                                              actor_for(interaction))
                await replies.private(interaction, replies.wallet_link_text("link your wallet"),
                                      view=replies.link_button(url))
                return
            location = await asyncio.to_thread(self.gov.ledger_location, interaction.guild_id)
            text = instructions(interaction.guild_id, location, configured)
            await replies.private(interaction, embed=wallet(text))
            return
        if not (address and signature):
            raise InvalidInput("Give both your wallet address and the signature, or neither to see how.")
        if not configured:
            raise Unavailable(NO_CHAIN)
        await asyncio.to_thread(self.gov.link_wallet, interaction.guild_id, actor_for(interaction),
                                address.strip(), signature.strip())
        if await asyncio.to_thread(self.gov.follows_governor, interaction.guild_id):  # no ledger to write to
            await replies.private(interaction, f"🔗 Wallet `{address.strip()}` linked. `/why-zero` explains its "
                                               "voting power on the DAO's Governor.")
            return
        await replies.private(interaction, f"🔗 Wallet `{address.strip()}` will be linked to your vote once "
                                           "the link is written on-chain (a minute or so).")


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Wallet(bot))

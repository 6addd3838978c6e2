"""/vote and /tally; the vote buttons themselves live in bot.discord.voting.views."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.params import AnyProposal, OpenProposal
from bot.discord.voting.embeds import tally as tally_embed
from governance.domain import Support
from governance.domain.text import MAX_REASON_CHARS

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

CHOICES = [app_commands.Choice(name=s.label, value=int(s))
           for s in (Support.FOR, Support.AGAINST, Support.ABSTAIN)]


class Voting(commands.Cog):
    def __init__(self, bot: FolkmootBot):
        self.bot = bot

    @app_commands.command(name="vote")
    @app_commands.guild_only()
    @app_commands.choices(choice=CHOICES)
    async def vote(self, interaction: discord.Interaction, proposal: OpenProposal,
                   choice: app_commands.Choice[int],
                   reason: app_commands.Range[str, 1, MAX_REASON_CHARS] | None = None) -> None:
        """Vote on an open proposal; voting again before the deadline replaces your vote.

        Args:
            proposal: The proposal number; start typing its title to search open proposals.
            choice: For, Against or Abstain (abstaining counts towards quorum only).
            reason: Optional: why you vote this way, shown with your vote (at most 500 characters).
        """
        await self.bot.voting.cast(interaction, proposal.id, Support(choice.value), reason)

    @app_commands.command(name="tally")
    @app_commands.guild_only()
    async def tally(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Show the current count of a proposal, its quorum progress and whether it would pass.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        await replies.think_privately(interaction)  # the chain is asked too
        chain = self.bot.services.chain
        view = await asyncio.to_thread(self.bot.services.governance.tally, proposal.id)
        # the chain part: what the ledger has recorded, compared with the database
        recorded = await chain.recorded_tally(proposal.id) if chain.configured else None
        await replies.private(interaction, embed=tally_embed(view, recorded, chain.configured))


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Voting(bot))

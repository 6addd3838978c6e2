"""/vote and /tally, and the persistent For / Against / Abstain buttons under each proposal."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.governor.embeds import tally as governor_tally
from bot.discord.members import actor_for
from bot.discord.params import AnyProposal, OpenProposal
from bot.discord.voting.embeds import tally as tally_embed
from bot.discord.voting.flow import VoteFlow
from bot.discord.voting.receipts import ReceiptWatcher
from bot.discord.voting.views import COG_NAME, VoteButton, WalletVoteButton
from governance.domain import Support
from governance.domain.engines import EngineKind
from governance.domain.text import MAX_REASON_CHARS

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

CHOICES = [app_commands.Choice(name=s.label, value=int(s))
           for s in (Support.FOR, Support.AGAINST, Support.ABSTAIN)]


class Voting(commands.Cog, name=COG_NAME):
    def __init__(self, bot: FolkmootBot):
        self.bot = bot
        self.gov = bot.gov
        give_up = ({"give_up_after": bot.receipt_give_up_seconds}
                   if bot.receipt_give_up_seconds is not None else {})
        self.receipts = ReceiptWatcher(bot.gov, poll_seconds=bot.receipt_poll_seconds, **give_up)
        self.flow = VoteFlow(bot.gov, self.receipts)

    async def cog_load(self) -> None:
        # buttons on messages sent before this start (even by another process) keep working
        self.bot.add_dynamic_items(VoteButton, WalletVoteButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(VoteButton, WalletVoteButton)
        await self.receipts.stop()

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
        if proposal.kind is EngineKind.GOVERNOR:  # a signed ballot relayed to the Governor (#14)
            if self.gov.wallet_page_ready:  # signed on the wallet page: the private one-time link
                await self.flow.wallet_link(interaction, proposal.number)
                return
            await asyncio.to_thread(self.gov.cast, proposal, actor_for(interaction), Support(choice.value), reason)
            return
        await self.flow.cast(interaction, proposal.number, Support(choice.value), reason)

    @app_commands.command(name="tally")
    @app_commands.guild_only()
    async def tally(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Show the current count of a proposal, its quorum progress and whether it would pass.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        await replies.think_privately(interaction)  # the chain is asked too
        if proposal.kind is EngineKind.GOVERNOR:  # counted on-chain, by voting power: read just now
            await replies.private(interaction, embed=governor_tally(proposal))
            return
        [view] = await asyncio.to_thread(self.gov.tally_views, [proposal.detail])
        # the chain part: what the ledger has recorded, compared with the database
        recorded = await asyncio.to_thread(self.gov.recorded_tally, proposal.detail)
        await replies.private(interaction, embed=tally_embed(view, recorded, self.gov.chain_configured))


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Voting(bot))

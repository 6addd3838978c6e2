"""Casting a vote, from a button or /vote, and the receipt the member gets. The voting cog holds
the one VoteFlow; its buttons reach it through the cog (views.flow_of)."""

from __future__ import annotations

import asyncio

import discord

from bot.discord import replies
from bot.discord.members import actor_for
from bot.discord.voting.receipts import PROMISE, ReceiptWatcher
from governance.application import Governance
from governance.domain import Support
from governance.services.voting import VoteReceipt


def receipt_text(proposal_id: int, receipt: VoteReceipt, on_chain: bool) -> str:
    choice = receipt.vote.support.label
    if receipt.changed and receipt.previous is not receipt.vote.support:
        line = f"🗳️ Your vote on #{proposal_id} changed from **{receipt.previous.label}** to **{choice}**."
    elif receipt.changed:
        line = f"🗳️ Your vote on #{proposal_id} is still **{choice}**."
    else:
        line = f"🗳️ Your vote on #{proposal_id} is recorded: **{choice}**."
    line += " You can change it until voting ends."
    if on_chain:
        line += PROMISE
    return line


class VoteFlow:
    def __init__(self, gov: Governance, receipts: ReceiptWatcher):
        self.gov = gov
        self.receipts = receipts

    async def cast(self, interaction: discord.Interaction, proposal_id: int, support: Support,
                   reason: str | None = None) -> None:
        """The core checks eligibility, the deadline and the reason; a refusal is its one line."""
        await replies.think_privately(interaction)
        receipt = await self.gov.vote_async(proposal_id, actor_for(interaction), support, reason)
        text = receipt_text(proposal_id, receipt, self.gov.chain_configured)
        message = await interaction.followup.send(text, ephemeral=True, wait=True,
                                                  allowed_mentions=replies.NO_MENTIONS)
        self.receipts.watch(message, text, proposal_id, receipt.vote.voter, receipt.vote.changes)

    async def wallet_link(self, interaction: discord.Interaction, proposal_id: int) -> None:
        """A private one-time link to vote on the proposal in the member's own wallet."""
        await replies.think_privately(interaction)
        url = await asyncio.to_thread(self.gov.wallet_link_url, interaction.guild_id, actor_for(interaction),
                                      proposal_id)
        await replies.private(interaction, replies.wallet_link_text(f"vote on #{proposal_id}"),
                              view=replies.link_button(url))


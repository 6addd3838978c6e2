"""/proposal show, /proposal list and /summarize: reading this server's proposals."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.params import AnyProposal
from bot.discord.proposals import embeds as cards
from governance.domain import Proposal, ProposalState
from governance.domain.text import canonical_document

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

LISTED = 10  # proposals per /proposal list; each is one embed field
STATES = {"open": ProposalState.ACTIVE, "draft": ProposalState.DRAFT, "closed": ProposalState.CLOSED,
          "withdrawn": ProposalState.WITHDRAWN}
STATE_CHOICES = [app_commands.Choice(name=label, value=value) for label, value in (
    ("Open for votes", "open"), ("Drafts", "draft"), ("Closed", "closed"), ("Withdrawn", "withdrawn"))]


class Proposals(commands.Cog):
    proposal = app_commands.Group(name="proposal", description="Read this server's proposals.",
                                  guild_only=True)

    def __init__(self, bot: FolkmootBot):
        self.gov = bot.gov

    @proposal.command(name="show")
    async def show(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Show a proposal's full text, its state, deadline, votes and quorum.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        [view] = await asyncio.to_thread(self.gov.tally_views, [proposal])
        attach = cards.needs_attachment(proposal)
        files = [full_text_file(proposal)] if attach else []
        await replies.private(interaction, embed=cards.detail(proposal, view, attached_full_text=attach),
                              files=files)

    @proposal.command(name="list")
    @app_commands.choices(state=STATE_CHOICES)
    async def list_proposals(self, interaction: discord.Interaction,
                             state: app_commands.Choice[str] | None = None) -> None:
        """List this server's newest proposals with their state, deadline, votes and quorum.

        Args:
            state: Only proposals that are open for votes, drafts, closed or withdrawn.
        """
        states = (STATES[state.value],) if state else ()
        rows = await asyncio.to_thread(self._rows, interaction.guild_id, states)
        heading = f"Proposals · {state.name}" if state else "Proposals"
        await replies.private(interaction, embed=cards.listing(rows, heading))

    def _rows(self, guild_id: int, states: tuple[ProposalState, ...]):
        found = self.gov.list(guild_id, states, LISTED)
        return list(zip(found, self.gov.tally_views(found)))

    @app_commands.command(name="summarize")
    @app_commands.guild_only()
    async def summarize(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Get a short AI summary of a proposal; the footer says which model and prompt wrote it.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        await replies.think_privately(interaction)  # the model may take a while
        result = await self.gov.infer(self.gov.summarize, proposal)
        await replies.private(interaction, embed=cards.summary(proposal, result))


def full_text_file(proposal: Proposal) -> discord.File:
    document = canonical_document(proposal.title, proposal.latest.body) + "\n"
    return discord.File(io.BytesIO(document.encode("utf-8")), filename=f"proposal-{proposal.id}.md")


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Proposals(bot))

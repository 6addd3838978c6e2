"""/proposal show, /proposal list and /summarize: reading this server's proposals, in whichever
engine counts its votes (Folkmoot's ledger, or the Governor it follows)."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import replies
from bot.discord.governor import embeds as governor_cards
from bot.discord.params import AnyProposal
from bot.discord.proposals import embeds as cards
from governance.domain import Proposal, ProposalState
from governance.domain.engines import EngineProposal
from governance.domain.governor.views import GovernorProposal
from governance.domain.text import canonical_document

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

LISTED = 10  # proposals per /proposal list; each is one embed field
STATES = {"open": ProposalState.ACTIVE, "draft": ProposalState.DRAFT, "closed": ProposalState.CLOSED,
          "withdrawn": ProposalState.WITHDRAWN}
STATE_CHOICES = [app_commands.Choice(name=label, value=value) for label, value in (
    ("Open for votes", "open"), ("Drafts", "draft"), ("Closed", "closed"), ("Withdrawn", "withdrawn"))]
# the same choices on a Governor: drafts are not on-chain; withdrawn is canceled
GOVERNOR_STATES = {"open": ("pending", "active"), "draft": (),
                   "closed": ("succeeded", "defeated", "queued", "executed", "expired"), "withdrawn": ("canceled",)}


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
        if isinstance(proposal.detail, GovernorProposal):
            assert proposal.count is not None
            info = await asyncio.to_thread(self.gov.governor_info, proposal.community_id)
            embed, files = governor_cards.card(proposal.detail, proposal.count, info)
            await replies.private(interaction, embed=embed, files=files)
            return
        [view] = await asyncio.to_thread(self.gov.tally_views, [proposal.detail])
        attach = cards.needs_attachment(proposal.detail)
        files = [full_text_file(proposal.detail)] if attach else []
        await replies.private(interaction, embed=cards.detail(proposal.detail, view, attached_full_text=attach),
                              files=files)

    @proposal.command(name="list")
    @app_commands.choices(state=STATE_CHOICES)
    async def list_proposals(self, interaction: discord.Interaction,
                             state: app_commands.Choice[str] | None = None) -> None:
        """List this server's newest proposals with their state, deadline, votes and quorum.

        Args:
            state: Only proposals that are open for votes, drafts, closed or withdrawn.
        """
        heading = f"Proposals · {state.name}" if state else "Proposals"
        if await asyncio.to_thread(self.gov.follows_governor, interaction.guild_id):
            await replies.think_privately(interaction)  # the Governor is asked about each one
            found = await asyncio.to_thread(self._governor_rows, interaction.guild_id, state.value if state else None)
            await replies.private(interaction, embed=governor_cards.listing(found, f"Governor {heading.lower()}"))
            return
        states = (STATES[state.value],) if state else ()
        rows = await asyncio.to_thread(self._rows, interaction.guild_id, states)
        await replies.private(interaction, embed=cards.listing(rows, heading))

    def _rows(self, guild_id: int, states: tuple[ProposalState, ...]):
        found = self.gov.list(guild_id, states, LISTED)
        return list(zip(found, self.gov.tally_views(found)))

    def _governor_rows(self, guild_id: int, state: str | None) -> list[EngineProposal]:
        if state is None:
            return self.gov.engine_proposals(guild_id, limit=LISTED)
        if state == "open":
            return self.gov.engine_proposals(guild_id, open_only=True, limit=LISTED)
        wanted = GOVERNOR_STATES[state]
        return [p for p in self.gov.engine_proposals(guild_id, limit=LISTED * 4) if p.state in wanted][:LISTED]

    @app_commands.command(name="summarize")
    @app_commands.guild_only()
    async def summarize(self, interaction: discord.Interaction, proposal: AnyProposal) -> None:
        """Get a short AI summary of a proposal; the footer says which model and prompt wrote it.

        Args:
            proposal: The proposal number; start typing its title to search.
        """
        await replies.think_privately(interaction)  # the model may take a while
        result = await self.gov.infer(self.gov.summarize_proposal, proposal)
        if isinstance(proposal.detail, GovernorProposal):
            embed, files = governor_cards.summary_post(proposal.detail, result)
            await replies.private(interaction, embed=embed, files=files)
            return
        await replies.private(interaction, embed=cards.summary(proposal.detail, result))


def full_text_file(proposal: Proposal) -> discord.File:
    document = canonical_document(proposal.title, proposal.latest.body) + "\n"
    return discord.File(io.BytesIO(document.encode("utf-8")), filename=f"proposal-{proposal.id}.md")


async def setup(bot: FolkmootBot) -> None:
    await bot.add_cog(Proposals(bot))

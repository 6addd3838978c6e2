"""Slash-command parameters that need the database: proposal ids with autocomplete.

A proposal named in one server is only found in that server: ids from another
community answer "does not exist", so no server can read or vote on another's.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord.proposals.embeds import choice_label
from governance.app import Governance
from governance.domain import Proposal, ProposalState
from governance.errors import ProposalNotFound

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

MAX_CHOICES = 25
SEARCHED = 200  # newest proposals searched by title while a member types


def proposal_in_guild(governance: Governance, proposal_id: int, guild_id: int | None) -> Proposal:
    """Blocking: run it off the event loop."""
    proposal = governance.show(proposal_id)
    if proposal.community_id != guild_id:
        raise ProposalNotFound(proposal_id)
    return proposal


async def load_proposal(interaction: discord.Interaction[FolkmootBot], proposal_id: int) -> Proposal:
    governance = interaction.client.services.governance
    return await asyncio.to_thread(proposal_in_guild, governance, proposal_id, interaction.guild_id)


def matches(proposal: Proposal, typed: str) -> bool:
    typed = typed.strip().lstrip("#").lower()
    return not typed or str(proposal.id).startswith(typed) or typed in proposal.title.lower()


class ProposalParam(app_commands.Transformer):
    """A proposal number; suggestions list this server's proposals in the given states."""

    def __init__(self, *states: ProposalState):
        self.states = states

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.integer

    @property
    def min_value(self) -> int:
        return 1

    async def transform(self, interaction: discord.Interaction[FolkmootBot], value: int) -> Proposal:
        return await load_proposal(interaction, int(value))

    async def autocomplete(self, interaction: discord.Interaction[FolkmootBot], value: float | str
                           ) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        governance = interaction.client.services.governance
        found = await asyncio.to_thread(governance.list, interaction.guild_id, self.states, SEARCHED)
        return [app_commands.Choice(name=choice_label(p), value=p.id)
                for p in found if matches(p, str(value))][:MAX_CHOICES]


AnyProposal = app_commands.Transform[Proposal, ProposalParam()]
OpenProposal = app_commands.Transform[Proposal, ProposalParam(ProposalState.ACTIVE)]

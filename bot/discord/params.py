"""Slash-command parameters that need the database: proposal ids with autocomplete.

A proposal named in one server is only found in that server: ids from another
community answer "does not exist", so no server can read or vote on another's.
"""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bot.discord.limits import CHOICE_NAME, one_line
from governance.application import Governance
from governance.domain import Proposal, ProposalState
from governance.errors import ProposalNotFound

MAX_CHOICES = 25
SEARCHED = 200  # newest proposals searched by title while a member types


def proposal_in_guild(gov: Governance, proposal_id: int, guild_id: int | None) -> Proposal:
    """Blocking: run it off the event loop."""
    proposal = gov.show(proposal_id)
    if proposal.community_id != guild_id:
        raise ProposalNotFound(proposal_id)
    return proposal


async def load_proposal(interaction: discord.Interaction, proposal_id: int) -> Proposal:
    return await asyncio.to_thread(proposal_in_guild, interaction.client.gov, proposal_id, interaction.guild_id)


def matches(proposal: Proposal, typed: str) -> bool:
    typed = typed.strip().lstrip("#").lower()
    return not typed or str(proposal.id).startswith(typed) or typed in proposal.title.lower()


def choice_label(proposal: Proposal) -> str:
    """An autocomplete label: '#12 · Title (open)'."""
    state = "open" if proposal.state is ProposalState.ACTIVE else proposal.state.value
    return one_line(f"#{proposal.id} · {proposal.title} ({state})", CHOICE_NAME)


class ProposalParam(app_commands.Transformer):
    """A proposal number, loaded once for the command; suggestions list this server's proposals in
    the given states."""

    def __init__(self, *states: ProposalState):
        self.states = states

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.integer

    @property
    def min_value(self) -> int:
        return 1

    async def transform(self, interaction: discord.Interaction, value: int) -> Proposal:
        return await load_proposal(interaction, int(value))

    async def autocomplete(self, interaction: discord.Interaction, value: float | str
                           ) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        found = await asyncio.to_thread(interaction.client.gov.list, interaction.guild_id, self.states, SEARCHED)
        return [app_commands.Choice(name=choice_label(p), value=p.id)
                for p in found if matches(p, str(value))][:MAX_CHOICES]


AnyProposal = app_commands.Transform[Proposal, ProposalParam()]
OpenProposal = app_commands.Transform[Proposal, ProposalParam(ProposalState.ACTIVE)]

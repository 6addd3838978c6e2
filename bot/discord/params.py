"""Slash-command parameters that need the database: proposal numbers with autocomplete.

A proposal is named by its number in the server, whichever engine counts its votes: Folkmoot's
ledger numbers its proposals, a followed Governor's get a short number as they are indexed
(its uint256 id is shown beside it). The transformer resolves the number in the server's engine
(`Governance.find_proposal`) and hands the command an `EngineProposal`. A proposal named in one
server is only found in that server: numbers from another community answer "does not exist",
so no server can read or vote on another's.
"""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bot.discord import replies
from bot.discord.limits import CHOICE_NAME, one_line
from governance.application import Governance
from governance.domain import Proposal
from governance.domain.engines import EngineProposal, ProposalHeading
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


def matches(heading: ProposalHeading, typed: str) -> bool:
    typed = typed.strip().lstrip("#").lower()
    return not typed or str(heading.number).startswith(typed) or typed in heading.title.lower()


def choice_label(heading: ProposalHeading) -> str:
    """An autocomplete label: '#12 · Title (open)'."""
    return one_line(f"#{heading.number} · {heading.title} ({heading.state})", CHOICE_NAME)


class ProposalParam(app_commands.Transformer):
    """A proposal number, loaded once for the command from the server's voting engine; suggestions
    list this server's proposals (open ones only, for voting)."""

    def __init__(self, open_only: bool = False):
        self.open_only = open_only

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.integer

    @property
    def min_value(self) -> int:
        return 1

    async def transform(self, interaction: discord.Interaction, value: int) -> EngineProposal:
        gov = interaction.client.gov
        if await asyncio.to_thread(gov.follows_governor, interaction.guild_id):
            await replies.think_privately(interaction)  # a Governor is read on-chain: acknowledge within 3 s
        return await asyncio.to_thread(gov.find_proposal, interaction.guild_id, int(value))

    async def autocomplete(self, interaction: discord.Interaction, value: float | str
                           ) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        found = await asyncio.to_thread(interaction.client.gov.proposal_headings, interaction.guild_id,
                                        open_only=self.open_only, limit=SEARCHED)
        return [app_commands.Choice(name=choice_label(h), value=h.number)
                for h in found if matches(h, str(value))][:MAX_CHOICES]


AnyProposal = app_commands.Transform[EngineProposal, ProposalParam()]
OpenProposal = app_commands.Transform[EngineProposal, ProposalParam(open_only=True)]

"""The For / Against / Abstain buttons under each published proposal.

A `DynamicItem`: the custom_id carries the proposal and the choice, so the buttons
keep working after a restart without any view being re-registered per message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot.discord.custom_ids import VOTE_TEMPLATE, parse_vote, vote_id
from bot.discord.errors import reporting_errors
from governance.domain import Support

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

STYLES = {Support.FOR: discord.ButtonStyle.success, Support.AGAINST: discord.ButtonStyle.danger,
          Support.ABSTAIN: discord.ButtonStyle.secondary}
EMOJI = {Support.FOR: "👍", Support.AGAINST: "👎", Support.ABSTAIN: "🤷"}


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=VOTE_TEMPLATE):
    def __init__(self, proposal_id: int, support: Support):
        super().__init__(discord.ui.Button(label=support.label, style=STYLES[support], emoji=EMOJI[support],
                                           custom_id=vote_id(proposal_id, support)))
        self.proposal_id = proposal_id
        self.support = support

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> VoteButton:
        proposal_id, support = parse_vote(match.string)
        return cls(proposal_id, support)

    @reporting_errors
    async def callback(self, interaction: discord.Interaction[FolkmootBot]) -> None:
        await interaction.client.voting.cast(interaction, self.proposal_id, self.support)


def vote_buttons(proposal_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for support in (Support.FOR, Support.AGAINST, Support.ABSTAIN):
        view.add_item(VoteButton(proposal_id, support))
    return view

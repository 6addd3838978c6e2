"""The For / Against / Abstain buttons under each published proposal.

A `DynamicItem` registered by the voting cog: the custom_id carries the proposal and the choice,
so the buttons keep working after a restart without any view being re-registered per message. A
click reaches the voting flow through the cog (`flow_of`).
"""

from __future__ import annotations

import re
from typing import Protocol

import discord

from bot.discord import replies
from bot.discord.custom_ids import PREFIX, PROPOSAL
from bot.discord.errors import reporting_errors
from bot.discord.params import load_proposal
from governance.domain import Support

COG_NAME = "Voting"
SUPPORT_WORDS = {Support.FOR: "for", Support.AGAINST: "against", Support.ABSTAIN: "abstain"}
VOTE_TEMPLATE = rf"{PREFIX}:vote:{PROPOSAL}:(?P<support>for|against|abstain)"
WALLET_TEMPLATE = rf"{PREFIX}:wallet-vote:{PROPOSAL}"
_VOTE = re.compile(VOTE_TEMPLATE)
_WORD_SUPPORT = {word: support for support, word in SUPPORT_WORDS.items()}

STYLES = {Support.FOR: discord.ButtonStyle.success, Support.AGAINST: discord.ButtonStyle.danger,
          Support.ABSTAIN: discord.ButtonStyle.secondary}
EMOJI = {Support.FOR: "👍", Support.AGAINST: "👎", Support.ABSTAIN: "🤷"}


class Casting(Protocol):
    """The voting flow (flow.py), as its buttons call it."""

    async def cast(self, interaction: discord.Interaction, proposal_id: int, support: Support,
                   reason: str | None = None) -> None: ...

    async def wallet_link(self, interaction: discord.Interaction, proposal_id: int) -> None: ...


def flow_of(interaction: discord.Interaction) -> Casting:
    """The flow of the voting cog, which registered these buttons."""
    return interaction.client.get_cog(COG_NAME).flow


def vote_id(proposal_id: int, support: Support) -> str:
    return f"{PREFIX}:vote:{int(proposal_id)}:{SUPPORT_WORDS[Support(support)]}"


def parse_vote(custom_id: str) -> tuple[int, Support] | None:
    match = _VOTE.fullmatch(custom_id)
    return _from_match(match) if match else None


def _from_match(match: re.Match[str]) -> tuple[int, Support]:
    return int(match["proposal"]), _WORD_SUPPORT[match["support"]]


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=VOTE_TEMPLATE):
    def __init__(self, proposal_id: int, support: Support):
        super().__init__(discord.ui.Button(label=support.label, style=STYLES[support], emoji=EMOJI[support],
                                           custom_id=vote_id(proposal_id, support)))
        self.proposal_id = proposal_id
        self.support = support

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> VoteButton:
        return cls(*_from_match(match))  # discord.py matched the template: the only parse

    @reporting_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        # a button copied into another server (or forged) never votes on another server's proposal
        await replies.think_privately(interaction)
        await load_proposal(interaction, self.proposal_id)
        await flow_of(interaction).cast(interaction, self.proposal_id, self.support)


class WalletVoteButton(discord.ui.DynamicItem[discord.ui.Button], template=WALLET_TEMPLATE):
    """"Vote with wallet": a private one-time link to the wallet page for this proposal."""

    def __init__(self, proposal_id: int):
        super().__init__(discord.ui.Button(label="Vote with wallet", style=discord.ButtonStyle.primary, emoji="🔐",
                                           custom_id=f"{PREFIX}:wallet-vote:{int(proposal_id)}"))
        self.proposal_id = proposal_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> WalletVoteButton:
        return cls(int(match["proposal"]))

    @reporting_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        await flow_of(interaction).wallet_link(interaction, self.proposal_id)


def vote_buttons(proposal_id: int, wallet: bool = False) -> discord.ui.View:
    """For / Against / Abstain, and "Vote with wallet" beside them when the wallet page is set up."""
    view = discord.ui.View(timeout=None)
    for support in (Support.FOR, Support.AGAINST, Support.ABSTAIN):
        view.add_item(VoteButton(proposal_id, support))
    if wallet:
        view.add_item(WalletVoteButton(proposal_id))
    return view

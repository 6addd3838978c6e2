"""The Publish / Revise / Discard buttons under a draft preview, and the two modals of drafting."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot.discord.custom_ids import DRAFT_TEMPLATE, DraftAction, draft_id, parse_draft
from bot.discord.errors import ReportingModal, reporting_errors

if TYPE_CHECKING:
    from bot.discord.client import FolkmootBot

IDEA_CHARS = 4000  # Discord's limit for a text input
FEEDBACK_CHARS = 4000
MODAL_TIMEOUT = 30 * 60  # an unanswered modal is forgotten after this, so none pile up in memory
BUTTONS = {
    DraftAction.PUBLISH: ("Publish", discord.ButtonStyle.success, "📣"),
    DraftAction.REVISE: ("Revise", discord.ButtonStyle.primary, "✏️"),
    DraftAction.DISCARD: ("Discard", discord.ButtonStyle.danger, "🗑️"),
}


class DraftButton(discord.ui.DynamicItem[discord.ui.Button], template=DRAFT_TEMPLATE):
    def __init__(self, proposal_id: int, action: DraftAction):
        label, style, emoji = BUTTONS[action]
        super().__init__(discord.ui.Button(label=label, style=style, emoji=emoji,
                                           custom_id=draft_id(proposal_id, action)))
        self.proposal_id = proposal_id
        self.action = action

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> DraftButton:
        proposal_id, action = parse_draft(match.string)
        return cls(proposal_id, action)

    @reporting_errors
    async def callback(self, interaction: discord.Interaction[FolkmootBot]) -> None:
        drafting = interaction.client.drafting
        if self.action is DraftAction.PUBLISH:
            await drafting.publish(interaction, self.proposal_id)
        elif self.action is DraftAction.REVISE:
            await interaction.response.send_modal(FeedbackModal(self.proposal_id))
        else:
            await drafting.discard(interaction, self.proposal_id)


def draft_buttons(proposal_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in DraftAction:
        view.add_item(DraftButton(proposal_id, action))
    return view


class IdeaModal(ReportingModal, title="Propose an idea"):
    idea = discord.ui.TextInput(
        label="Your idea", custom_id="idea", style=discord.TextStyle.paragraph, min_length=10,
        max_length=IDEA_CHARS, placeholder="What should we do, and why? Cost and timing help. A draft is "
                                            "written from it.")

    def __init__(self) -> None:
        super().__init__(timeout=MODAL_TIMEOUT)

    async def on_submit(self, interaction: discord.Interaction[FolkmootBot]) -> None:
        await interaction.client.drafting.submit_idea(interaction, self.idea.value)


class FeedbackModal(ReportingModal, title="Revise the draft"):
    feedback = discord.ui.TextInput(
        label="What should change?", custom_id="feedback", style=discord.TextStyle.paragraph,
        max_length=FEEDBACK_CHARS,
        placeholder="e.g. 'Make the budget 800 EUR' or 'Budget: 800 EUR for tools'")

    def __init__(self, proposal_id: int):
        super().__init__(timeout=MODAL_TIMEOUT)
        self.proposal_id = proposal_id

    async def on_submit(self, interaction: discord.Interaction[FolkmootBot]) -> None:
        await interaction.client.drafting.revise(interaction, self.proposal_id, self.feedback.value)

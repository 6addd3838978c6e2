"""The Publish / Revise / Discard buttons under a draft preview, and the two modals of drafting.

The buttons are `DynamicItem`s registered by the drafting cog: their custom_id carries the
proposal and the action, so they keep working after a restart. A click or a submitted form
reaches the drafting flow through the cog (`flow_of`).
"""

from __future__ import annotations

import enum
import re
from typing import Protocol

import discord

from bot.discord.custom_ids import PREFIX, PROPOSAL
from bot.discord.errors import ReportingModal, reporting_errors

COG_NAME = "Drafting"

IDEA_CHARS = 4000  # Discord's limit for a text input
FEEDBACK_CHARS = 4000
MODAL_TIMEOUT = 30 * 60  # an unanswered modal is forgotten after this, so none pile up in memory


class DraftAction(str, enum.Enum):
    PUBLISH = "publish"
    REVISE = "revise"
    DISCARD = "discard"


DRAFT_TEMPLATE = rf"{PREFIX}:draft:{PROPOSAL}:(?P<action>publish|revise|discard)"
_DRAFT = re.compile(DRAFT_TEMPLATE)
BUTTONS = {
    DraftAction.PUBLISH: ("Publish", discord.ButtonStyle.success, "📣"),
    DraftAction.REVISE: ("Revise", discord.ButtonStyle.primary, "✏️"),
    DraftAction.DISCARD: ("Discard", discord.ButtonStyle.danger, "🗑️"),
}


class DraftActions(Protocol):
    """The drafting flow (flow.py), as its buttons and forms call it."""

    async def submit_idea(self, interaction: discord.Interaction, idea: str) -> None: ...
    async def revise(self, interaction: discord.Interaction, proposal_id: int, feedback: str) -> None: ...
    async def publish(self, interaction: discord.Interaction, proposal_id: int) -> None: ...
    async def discard(self, interaction: discord.Interaction, proposal_id: int) -> None: ...


def flow_of(interaction: discord.Interaction) -> DraftActions:
    """The flow of the drafting cog, which registered these buttons."""
    return interaction.client.get_cog(COG_NAME).flow


def draft_id(proposal_id: int, action: DraftAction) -> str:
    return f"{PREFIX}:draft:{int(proposal_id)}:{DraftAction(action).value}"


def parse_draft(custom_id: str) -> tuple[int, DraftAction] | None:
    match = _DRAFT.fullmatch(custom_id)
    return _from_match(match) if match else None


def _from_match(match: re.Match[str]) -> tuple[int, DraftAction]:
    return int(match["proposal"]), DraftAction(match["action"])


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
        return cls(*_from_match(match))  # discord.py matched the template: the only parse

    @reporting_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        drafting = flow_of(interaction)
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

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await flow_of(interaction).submit_idea(interaction, self.idea.value)


class FeedbackModal(ReportingModal, title="Revise the draft"):
    feedback = discord.ui.TextInput(
        label="What should change?", custom_id="feedback", style=discord.TextStyle.paragraph,
        max_length=FEEDBACK_CHARS,
        placeholder="e.g. 'Make the budget 800 EUR' or 'Budget: 800 EUR for tools'")

    def __init__(self, proposal_id: int):
        super().__init__(timeout=MODAL_TIMEOUT)
        self.proposal_id = proposal_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await flow_of(interaction).revise(interaction, self.proposal_id, self.feedback.value)

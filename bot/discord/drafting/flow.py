"""From an idea to a published proposal: idea form → AI draft preview → revise → publish or discard.

The preview is ephemeral (only the author sees it) and stored as a draft from the
start, so each revision is a numbered revision with its content hash.
"""

from __future__ import annotations

import asyncio

import discord

from bot.discord import replies
from bot.discord.drafting.views import IdeaModal, draft_buttons
from bot.discord.errors import CannotPost
from bot.discord.members import actor_for, eligible_count
from bot.discord.params import load_proposal
from bot.discord.proposals import embeds as cards
from bot.discord.voting.views import vote_buttons
from bot.services import BotServices, PostedMessage
from governance.app import Governance
from governance.domain.community import require_proposer
from governance.errors import InvalidState


class DraftFlow:
    def __init__(self, services: BotServices):
        self.services = services

    @property
    def governance(self) -> Governance:
        return self.services.governance

    async def open_idea_form(self, interaction: discord.Interaction) -> None:
        """Refuses members who may not propose before they type anything."""
        community = await asyncio.to_thread(self.governance.community, interaction.guild_id)
        require_proposer(actor_for(interaction), community)
        await interaction.response.send_modal(IdeaModal())

    async def submit_idea(self, interaction: discord.Interaction, idea: str) -> None:
        await replies.think_privately(interaction)  # the model may take a while
        assistant, guild_id = self.services.assistant, interaction.guild_id
        draft, similar = await asyncio.gather(assistant.draft(idea), assistant.similar(guild_id, idea))
        proposal = await asyncio.to_thread(self.governance.create_draft, guild_id, actor_for(interaction),
                                           draft.title, draft.body, draft.provenance_id)
        await interaction.followup.send(embed=cards.draft_preview(proposal, draft, similar),
                                        view=draft_buttons(proposal.id), ephemeral=True,
                                        allowed_mentions=replies.NO_MENTIONS)

    async def revise(self, interaction: discord.Interaction, proposal_id: int, feedback: str) -> None:
        await interaction.response.defer()  # the preview is updated in place
        current = await load_proposal(interaction, proposal_id)
        current.require_editor(actor_for(interaction))  # before spending model time on someone else's draft
        draft = await self.services.assistant.revise(current.title, current.latest.body, feedback)
        if (draft.title, draft.body) == (current.title, current.latest.body):
            # without a model the feedback cannot be applied: say so, not "identical revision"
            raise InvalidState(draft.note or "The feedback led to no change in the draft.")
        proposal = await asyncio.to_thread(self.governance.revise, proposal_id, actor_for(interaction),
                                           draft.title, draft.body, draft.provenance_id)
        await interaction.edit_original_response(embed=cards.draft_preview(proposal, draft, []),
                                                 view=draft_buttons(proposal.id),
                                                 allowed_mentions=replies.NO_MENTIONS)

    async def publish(self, interaction: discord.Interaction, proposal_id: int) -> None:
        allowed = interaction.app_permissions
        if not (allowed.send_messages and allowed.embed_links):
            raise CannotPost("I cannot post in this channel; allow me Send Messages and Embed Links here, "
                             "or publish from another channel.")
        await interaction.response.defer()
        await load_proposal(interaction, proposal_id)
        community = await asyncio.to_thread(self.governance.community, interaction.guild_id)
        proposal = await asyncio.to_thread(self.governance.publish, proposal_id, actor_for(interaction), None,
                                           eligible_count(interaction.guild, community))
        # a plain channel message (not a follow-up) stays editable after the interaction expires
        message = await interaction.channel.send(embed=cards.published(proposal),
                                                 view=vote_buttons(proposal.id),
                                                 allowed_mentions=replies.NO_MENTIONS)
        posted = PostedMessage(channel_id=message.channel.id, message_id=message.id)
        await asyncio.to_thread(self.services.published.remember, proposal.id, posted)
        await interaction.edit_original_response(
            content=f"📣 Published as #{proposal.id}; voting is open: {message.jump_url}",
            embed=cards.published(proposal), view=None, allowed_mentions=replies.NO_MENTIONS)

    async def discard(self, interaction: discord.Interaction, proposal_id: int) -> None:
        await interaction.response.defer()
        await load_proposal(interaction, proposal_id)
        await asyncio.to_thread(self.governance.withdraw, proposal_id, actor_for(interaction))
        await interaction.edit_original_response(content=f"🗑️ Draft #{proposal_id} discarded.", embed=None,
                                                 view=None, allowed_mentions=replies.NO_MENTIONS)

"""From an idea to a published proposal: idea form → AI draft preview → revise → publish or discard.

The preview is ephemeral (only the author sees it) and stored as a draft from the start, so each
revision is a numbered revision with its content hash. The drafting cog holds the one DraftFlow;
its buttons and forms reach it through the cog (views.flow_of).
"""

from __future__ import annotations

import asyncio

import discord

from bot.discord import replies
from bot.discord.drafting.embeds import draft_note, draft_preview
from bot.discord.drafting.views import IdeaModal, draft_buttons
from bot.discord.errors import CannotPost
from bot.discord.members import actor_for, eligible_count
from bot.discord.params import load_proposal
from bot.discord.proposals.embeds import published
from bot.discord.voting.views import vote_buttons
from governance.application import Governance
from governance.domain.community import require_proposer
from governance.errors import InvalidState


class DraftFlow:
    def __init__(self, gov: Governance):
        self.gov = gov

    async def open_idea_form(self, interaction: discord.Interaction) -> None:
        """Refuses members who may not propose before they type anything."""
        community = await asyncio.to_thread(self.gov.community, interaction.guild_id)
        require_proposer(actor_for(interaction), community)
        await interaction.response.send_modal(IdeaModal())

    async def submit_idea(self, interaction: discord.Interaction, idea: str) -> None:
        await replies.think_privately(interaction)  # the model may take a while
        gov, guild_id = self.gov, interaction.guild_id
        draft, similar = await asyncio.gather(gov.infer(gov.write_draft, idea),
                                              gov.infer(gov.find_similar, guild_id, idea))
        proposal = await asyncio.to_thread(gov.create_draft, guild_id, actor_for(interaction),
                                           draft.title, draft.body, draft.provenance_id)
        await interaction.followup.send(embed=draft_preview(proposal, draft, similar),
                                        view=draft_buttons(proposal.id), ephemeral=True,
                                        allowed_mentions=replies.NO_MENTIONS)

    async def revise(self, interaction: discord.Interaction, proposal_id: int, feedback: str) -> None:
        await interaction.response.defer()  # the preview is updated in place
        current = await load_proposal(interaction, proposal_id)
        current.require_editor(actor_for(interaction))  # before spending model time on someone else's draft
        draft = await self.gov.infer(self.gov.redraft, current.title, current.latest.body, feedback)
        if (draft.title, draft.body) == (current.title, current.latest.body):
            # without a model the feedback cannot be applied: say so, not "identical revision"
            raise InvalidState(draft_note(draft) or "The feedback led to no change in the draft.")
        proposal = await asyncio.to_thread(self.gov.revise, proposal_id, actor_for(interaction),
                                           draft.title, draft.body, draft.provenance_id)
        await interaction.edit_original_response(embed=draft_preview(proposal, draft, None),
                                                 view=draft_buttons(proposal.id),
                                                 allowed_mentions=replies.NO_MENTIONS)

    async def publish(self, interaction: discord.Interaction, proposal_id: int) -> None:
        allowed = interaction.app_permissions
        if not (allowed.send_messages and allowed.embed_links):
            raise CannotPost("I cannot post in this channel; allow me Send Messages and Embed Links here, "
                             "or publish from another channel.")
        await interaction.response.defer()
        await load_proposal(interaction, proposal_id)
        community = await asyncio.to_thread(self.gov.community, interaction.guild_id)
        proposal = await asyncio.to_thread(self.gov.publish, proposal_id, actor_for(interaction), None,
                                           eligible_count(interaction.guild, community))
        # a plain channel message (not a follow-up) stays editable after the interaction expires
        message = await interaction.channel.send(embed=published(proposal), view=vote_buttons(proposal.id, wallet=self.gov.wallet_page_ready),
                                                 allowed_mentions=replies.NO_MENTIONS)
        await asyncio.to_thread(self.gov.record_announcement, proposal.id, message.channel.id, message.id)
        await interaction.edit_original_response(
            content=f"📣 Published as #{proposal.id}; voting is open: {message.jump_url}",
            embed=published(proposal), view=None, allowed_mentions=replies.NO_MENTIONS)

    async def discard(self, interaction: discord.Interaction, proposal_id: int) -> None:
        await interaction.response.defer()
        await load_proposal(interaction, proposal_id)
        await asyncio.to_thread(self.gov.discard, proposal_id, actor_for(interaction))
        await interaction.edit_original_response(content=f"🗑️ Draft #{proposal_id} discarded.", embed=None,
                                                 view=None, allowed_mentions=replies.NO_MENTIONS)

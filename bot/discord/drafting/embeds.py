"""The draft preview: what the author alone sees while drafting."""

from __future__ import annotations

import discord

from bot.discord.limits import DESCRIPTION, fit, one_line, shorten
from bot.discord.proposals.embeds import full_text_pointer, made_by
from governance.ai.results import SimilarityReport
from governance.application import AiDraft
from governance.domain import Proposal
from governance.domain.wording import percent


def draft_note(draft: AiDraft) -> str | None:
    """Shown with the draft: why no model wrote it, or feedback it could not apply."""
    return " ".join(draft.result.notes) or None


def draft_preview(proposal: Proposal, draft: AiDraft, similar: SimilarityReport | None) -> discord.Embed:
    pointer = full_text_pointer(proposal.id)
    embed = discord.Embed(title=f"Draft #{proposal.id} · {proposal.title}", colour=discord.Colour.gold(),
                          description=shorten(proposal.latest.body, DESCRIPTION, pointer))
    if similar and similar.matches:
        embed.add_field(name="⚠️ Similar proposals already exist", inline=False, value="\n".join(
            f"#{int(m.proposal_id)} · {one_line(m.title, 80)} ({percent(m.score)} alike)" for m in similar.matches))
    if note := draft_note(draft):
        embed.add_field(name="Note", value=note, inline=False)
    embed.set_footer(text=f"Revision {proposal.latest.number} · {made_by(draft.result)}. Only you can see this "
                          "draft: Publish opens voting, Revise asks for changes, Discard withdraws it.")
    return fit(embed, pointer)

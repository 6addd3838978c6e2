"""A plain digest of open and recently closed proposals, until the AI digest exists."""

from __future__ import annotations

import asyncio

from discord.utils import format_dt

from bot.services import Digest
from governance.app import Governance
from governance.domain import ProposalState

MAX_LISTED = 10


class OpenProposalsDigest:
    def __init__(self, governance: Governance):
        self.governance = governance

    async def build(self, community_id: int) -> Digest:
        return await asyncio.to_thread(self._build, community_id)

    def _build(self, community_id: int) -> Digest:
        gov = self.governance
        active = gov.list(community_id, (ProposalState.ACTIVE,), MAX_LISTED)
        closed = gov.list(community_id, (ProposalState.CLOSED,), 5)
        sections = []
        if active:
            lines = []
            for proposal in active:
                tally = gov.tally(proposal.id).tally
                lines.append(f"**#{proposal.id}** {proposal.title} — For {tally.for_votes} · Against "
                             f"{tally.against_votes} · Abstain {tally.abstain_votes} · ends "
                             f"{format_dt(proposal.deadline, 'R')}")
            sections.append(("Open for votes", "\n".join(lines)))
        if closed:
            sections.append(("Recently decided", "\n".join(
                f"**#{p.id}** {p.title} — {p.outcome.label if p.outcome else 'closed'}" for p in closed)))
        text = "Here is where this server's proposals stand." if sections else "No open or recent proposals."
        return Digest(title="Governance digest", text=text, sections=tuple(sections),
                      footer="Plain digest (no language model).")

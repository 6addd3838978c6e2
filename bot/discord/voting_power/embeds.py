"""The /why-zero answer: the case that explains a member's voting power, the facts, and the fix."""

from __future__ import annotations

import discord

from bot.discord.limits import DESCRIPTION, FIELD_VALUE, fit, shorten
from governance.domain.governor.power import Diagnosis, PowerCase

COLOURS = {PowerCase.HAS_POWER: discord.Colour.green(), PowerCase.NO_TOKENS: discord.Colour.light_grey()}
TITLES = {PowerCase.HAS_POWER: "Your voting power", PowerCase.NO_TOKENS: "Why your voting power is zero: no tokens",
          PowerCase.NOT_DELEGATED: "Why your voting power is zero: never delegated",
          PowerCase.DELEGATED_TO_OTHER: "Why your voting power is zero: delegated to someone else",
          PowerCase.RECEIVED_AFTER_SNAPSHOT: "Why your voting power is zero: tokens after the snapshot"}


def diagnosis_embed(d: Diagnosis) -> discord.Embed:
    r = d.reading
    embed = discord.Embed(title=TITLES[d.case], colour=COLOURS.get(d.case, discord.Colour.orange()),
                          description=shorten(d.headline + "\n\n" + "\n".join(f"• {line}" for line in d.lines),
                                              DESCRIPTION))
    if d.fix:
        embed.add_field(name="What to do", value=shorten(d.fix, FIELD_VALUE), inline=False)
    where = (f"Proposal #{r.proposal_number} · {r.proposal_title} ({r.proposal_state})" if r.proposal_id
             else "No proposal yet: today's voting power")
    embed.add_field(name="Proposal", value=shorten(where, FIELD_VALUE), inline=False)
    embed.set_footer(text=f"Wallet {r.wallet} · {r.token.symbol} clock: {r.clock}")
    return fit(embed)

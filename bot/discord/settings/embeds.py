"""The /config embed: a community's settings and what just changed."""

from __future__ import annotations

import discord

from bot.discord.limits import fit
from governance.domain import Community
from governance.domain.durations import format_duration
from governance.domain.tally import BPS


def role(role_id: int | None, nobody_means: str) -> str:
    return f"<@&{role_id}>" if role_id else nobody_means


def settings(community: Community, changed: list[str]) -> discord.Embed:
    embed = discord.Embed(title=f"Governance settings · {community.name}", colour=discord.Colour.blurple())
    embed.description = ("Changed: " + ", ".join(changed) + ". The change is recorded in the audit log."
                         if changed else "Use the options of /config to change a setting.")
    embed.add_field(name="Voting period", value=format_duration(community.voting_period))
    embed.add_field(name="Quorum", value=community.quorum.describe())
    embed.add_field(name="Threshold", value=f"more than {community.threshold_bps / BPS * 100:g}% For")
    embed.add_field(name="Who may vote", value=role(community.eligible_role_id, "everyone"))
    embed.add_field(name="Who may propose", value=role(community.proposer_role_id, "whoever may vote"))
    channel = f"<#{community.digest_channel_id}>" if community.digest_channel_id else "not set"
    embed.add_field(name="Digest", value=f"{channel} · `{community.digest_cron}` ({community.timezone})")
    return fit(embed)

"""Who is acting: a Discord member as the core's Actor, and how many members may vote."""

from __future__ import annotations

import discord

from governance.domain import Actor, Community
from governance.domain.votes import discord_voter


def actor_for(interaction: discord.Interaction) -> Actor:
    """The core decides who may do what from these three facts."""
    user = interaction.user
    roles = frozenset(role.id for role in getattr(user, "roles", ()) if not role.is_default())
    guild_admin = isinstance(user, discord.Member) and user.guild_permissions.manage_guild
    # interaction.permissions are the member's resolved permissions as Discord sent them; they
    # hold even when the guild's roles are not cached
    return Actor(id=discord_voter(user.id), role_ids=roles,
                 is_admin=bool(guild_admin or interaction.permissions.manage_guild))


def actor_of_member(member: discord.Member) -> Actor:
    """A member met outside an interaction (the scheduler asking who may still vote)."""
    roles = frozenset(role.id for role in member.roles if not role.is_default())
    return Actor(id=discord_voter(member.id), role_ids=roles, is_admin=member.guild_permissions.manage_guild)


def bot_actor(bot_user_id: int) -> Actor:
    """The bot itself, setting up a community on the server's behalf."""
    return Actor(id=discord_voter(bot_user_id), is_admin=True)


def eligible_count(guild: discord.Guild | None, community: Community) -> int | None:
    """For a quorum given as a share of the eligible members.

    Exact when the guild's members are cached (the privileged members intent);
    otherwise the server's member count, an upper bound.
    """
    if guild is None:
        return None
    role = guild.get_role(community.eligible_role_id) if community.eligible_role_id else None
    if role is not None and guild.chunked:
        return len(role.members)
    return guild.member_count

"""The guild the fake Discord serves: its roles, channels and members, as Discord payloads."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import discord

DISCORD_EPOCH_MS = 1_420_070_400_000
_counter = itertools.count(1)


def snowflake() -> int:
    """A fresh, increasing id shaped like Discord's (timestamp in the high bits)."""
    return ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(_counter) & 0x3FFFFF)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


MEMBER_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, read_message_history=True, use_application_commands=True,
)
ADMIN_PERMISSIONS = discord.Permissions(MEMBER_PERMISSIONS.value, manage_guild=True)
BOT_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, attach_files=True, read_message_history=True,
)


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    role_ids: tuple[int, ...] = ()
    admin: bool = False
    bot: bool = False

    def user(self) -> dict:
        return {"id": str(self.id), "username": self.name, "discriminator": "0", "global_name": self.name,
                "avatar": None, "bot": self.bot}

    @property
    def permissions(self) -> discord.Permissions:
        return ADMIN_PERMISSIONS if self.admin else MEMBER_PERMISSIONS

    def member(self) -> dict:
        return {"user": self.user(), "roles": [str(r) for r in self.role_ids], "nick": None, "avatar": None,
                "joined_at": now_iso(), "premium_since": None, "deaf": False, "mute": False, "flags": 0,
                "pending": False, "communication_disabled_until": None,
                "permissions": str(self.permissions.value)}


@dataclass
class Guild:
    """One server: an admin role, a voter role, two text channels, an admin, 25 voters, one outsider."""

    bot: Member
    id: int = field(default_factory=snowflake)
    name: str = "Folkmoot Test Guild"
    roles: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.roles = {"@everyone": self.id, "Admins": snowflake(), "Voters": snowflake()}
        self.channels = {"general": snowflake(), "digest": snowflake()}
        admin = Member(snowflake(), "admin", (self.roles["Admins"], self.roles["Voters"]), admin=True)
        self.members = {"admin": admin, "outsider": Member(snowflake(), "outsider")}
        for n in range(1, 26):
            self.members[f"voter{n}"] = Member(snowflake(), f"voter{n}", (self.roles["Voters"],))

    def voters(self, count: int) -> list[Member]:
        return [self.members[f"voter{n}"] for n in range(1, count + 1)]

    def role_payload(self, name: str, position: int) -> dict:
        permissions = ADMIN_PERMISSIONS if name == "Admins" else MEMBER_PERMISSIONS
        return {"id": str(self.roles[name]), "name": name, "color": 0, "hoist": False, "icon": None,
                "unicode_emoji": None, "position": position, "permissions": str(permissions.value),
                "managed": False, "mentionable": False, "flags": 0}

    def channel_payload(self, name: str, position: int) -> dict:
        return {"id": str(self.channels[name]), "type": 0, "guild_id": str(self.id), "name": name,
                "position": position, "permission_overwrites": [], "topic": None, "nsfw": False,
                "last_message_id": None, "rate_limit_per_user": 0, "parent_id": None}

    def create_payload(self) -> dict:
        """GUILD_CREATE's data."""
        everyone = [*self.members.values(), self.bot]
        return {
            "id": str(self.id), "name": self.name, "icon": None, "splash": None, "discovery_splash": None,
            "owner_id": str(snowflake()), "afk_channel_id": None, "afk_timeout": 300,
            "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
            "roles": [self.role_payload(name, i) for i, name in enumerate(self.roles)],
            "emojis": [], "stickers": [], "features": [], "mfa_level": 0, "system_channel_id": None,
            "system_channel_flags": 0, "rules_channel_id": None, "vanity_url_code": None,
            "description": None, "banner": None, "premium_tier": 0, "premium_subscription_count": 0,
            "preferred_locale": "en-US", "public_updates_channel_id": None, "nsfw_level": 0,
            "premium_progress_bar_enabled": False, "joined_at": now_iso(), "large": False,
            "unavailable": False, "member_count": len(everyone), "voice_states": [],
            "members": [m.member() for m in everyone],
            "channels": [self.channel_payload(name, i) for i, name in enumerate(self.channels)],
            "threads": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

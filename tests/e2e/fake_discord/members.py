"""What members do in the Discord client, turned into INTERACTION_CREATE events.

Options are typed from the commands the bot registered, so a test cannot use a
command or option that the bot did not sync.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from tests.e2e.fake_discord.records import InteractionLog
from tests.e2e.fake_discord.world import BOT_PERMISSIONS, Guild, Member, snowflake

if TYPE_CHECKING:
    from tests.e2e.fake_discord.server import FakeDiscord

SUBCOMMAND, GROUP, STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = range(1, 11)
APPLICATION_COMMAND, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
TEXT_INPUT, LABEL = 4, 18


class Members:
    def __init__(self, discord: FakeDiscord):
        self.discord = discord

    async def slash(self, member: Member, command: str, *, channel: str = "general", guild: Guild | None = None,
                    **options: Any) -> InteractionLog:
        """`command` as typed, e.g. "proposal show"; options by name; in `guild` (the first by default)."""
        data = self._command_data(command, options, focused=None, guild=guild)
        return await self._interact(member, APPLICATION_COMMAND, data, "command", channel, guild=guild)

    async def autocomplete(self, member: Member, command: str, focused: str, *, channel: str = "general",
                           **options: Any) -> InteractionLog:
        data = self._command_data(command, options, focused=focused)
        return await self._interact(member, AUTOCOMPLETE, data, "autocomplete", channel)

    async def click(self, member: Member, message: dict, custom_id: str) -> InteractionLog:
        buttons = [c for row in message["components"] for c in row.get("components", [])]
        assert any(b.get("custom_id") == custom_id for b in buttons), f"no button {custom_id} on the message"
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(member, COMPONENT, data, "component", message=message)

    async def submit(self, member: Member, opened: InteractionLog, **values: str) -> InteractionLog:
        """Fills the modal `opened` showed (values by text input custom_id) and submits it."""
        modal = opened.modal

        def filled(component: dict) -> dict:
            return {"type": TEXT_INPUT, "custom_id": component["custom_id"],
                    "value": values.get(component["custom_id"], "")}

        rows = []
        for row in modal["components"]:
            if row["type"] == LABEL:
                rows.append({"type": LABEL, "component": filled(row["component"])})
            else:
                rows.append({"type": 1, "components": [filled(c) for c in row["components"]]})
        data = {"custom_id": modal["custom_id"], "components": rows}
        source = self.discord.messages.by_id.get(opened.source_message_id or 0)
        guild = self.discord.guild_by_id(self.discord.guild_of_channel(opened.channel_id))
        channel = next(name for name, i in guild.channels.items() if i == opened.channel_id)
        return await self._interact(member, MODAL_SUBMIT, data, "modal", channel, message=source, guild=guild)

    def _command_data(self, command: str, options: dict[str, Any], focused: str | None,
                      guild: Guild | None = None) -> dict:
        guild = guild or self.discord.guild
        root, *path = command.split()
        registered = self.discord.registered(root, guild)
        declared = registered.get("options", [])
        built: list[dict] = []
        target = built
        for name in path:  # descend into subcommand groups and subcommands
            spec = next(o for o in declared if o["name"] == name)
            nested: list[dict] = []
            target.append({"type": spec["type"], "name": name, "options": nested})
            target, declared = nested, spec.get("options", [])
        resolved: dict[str, dict] = {}
        for name, value in options.items():
            spec = next((o for o in declared if o["name"] == name), None)
            assert spec is not None, f"/{command} has no option {name!r}"
            if name == focused:  # what the member has typed so far, unparsed
                target.append({"type": spec["type"], "name": name, "value": str(value), "focused": True})
            else:
                target.append({"type": spec["type"], "name": name,
                               "value": self._value(spec["type"], value, resolved, guild)})
        data = {"id": registered["id"], "name": root, "type": 1, "guild_id": str(guild.id),
                "options": built}
        if resolved:
            data["resolved"] = resolved
        return data

    def _value(self, kind: int, value: Any, resolved: dict[str, dict], guild: Guild) -> Any:
        if kind == ROLE:
            role_id = guild.roles[value]
            resolved.setdefault("roles", {})[str(role_id)] = guild.role_payload(value, 0)
            return str(role_id)
        if kind == CHANNEL:
            channel = guild.channel_payload(value, 0)
            resolved.setdefault("channels", {})[channel["id"]] = {
                **channel, "permissions": str(BOT_PERMISSIONS.value)}
            return channel["id"]
        return {INTEGER: int, NUMBER: float, BOOLEAN: bool}.get(kind, str)(value)

    async def _interact(self, member: Member, kind: int, data: dict, label: str, channel: str = "general",
                        message: dict | None = None, guild: Guild | None = None) -> InteractionLog:
        if guild is None and message is not None and message.get("guild_id"):
            guild = self.discord.guild_by_id(int(message["guild_id"]))
        guild = guild or self.discord.guild
        channel_id = int(message["channel_id"]) if message else guild.channels[channel]
        log = InteractionLog(id=snowflake(), token=secrets.token_urlsafe(24), kind=label, member=member,
                             channel_id=channel_id,
                             source_message_id=int(message["id"]) if message else None)
        self.discord.interactions[log.token] = log
        payload = {
            "id": str(log.id), "application_id": str(self.discord.bot.id), "type": kind, "data": data,
            "guild_id": str(guild.id), "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "channel_id": str(channel_id),
            "channel": {"id": str(channel_id), "type": 0, "guild_id": str(guild.id)},
            "member": member.member(), "token": log.token, "version": 1,
            "app_permissions": str(BOT_PERMISSIONS.value), "locale": "en-US", "guild_locale": "en-US",
            "entitlements": [], "authorizing_integration_owners": {"0": str(guild.id)}, "context": 0,
            "attachment_size_limit": 10_485_760,
        }
        if message is not None:
            payload["message"] = message
        await self.discord.gateway.dispatch("INTERACTION_CREATE", payload)
        return log

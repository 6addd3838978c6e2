"""A local Discord for end-to-end tests: the real discord.py client connects to it.

`FakeDiscord` serves the gateway and the REST endpoints the bot uses, records every
call, and lets tests act as members (`discord.members.slash/click/submit`).
"""

from tests.e2e.fake_discord.records import InteractionLog, RestCall
from tests.e2e.fake_discord.server import FakeDiscord
from tests.e2e.fake_discord.world import Member

__all__ = ["FakeDiscord", "InteractionLog", "Member", "RestCall"]

"""The bot's services backed by the real language model, chain and database (see `bot.offline`
for the stand-ins used when one of them is not configured)."""

from bot.live.announcements import StoredAnnouncements
from bot.live.assistant import ModelAssistant
from bot.live.chain import LedgerRecords

__all__ = ["LedgerRecords", "ModelAssistant", "StoredAnnouncements"]

"""Stand-ins for when no language model or no chain is configured (`bot.runner.build_services`
picks these or the `bot.live` ones); the tests use them to keep a bot light."""

from bot.offline.assistant import WITHOUT_MODEL, OfflineAssistant
from bot.offline.chain import NoChain

__all__ = ["WITHOUT_MODEL", "NoChain", "OfflineAssistant"]

"""What the bot shows when no chain is configured (FOLKMOOT_CHAIN=off)."""

from bot.offline.chain import NoChain

__all__ = ["NoChain"]

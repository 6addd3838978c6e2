"""Defaults that work with no language model and no chain, so `folkmoot run` works today.

`bootstrap` will swap in the real assistant, chain records and digest later.
"""

from bot.offline.assistant import WITHOUT_MODEL, OfflineAssistant
from bot.offline.chain import NoChain
from bot.offline.digest import OpenProposalsDigest

__all__ = ["WITHOUT_MODEL", "NoChain", "OfflineAssistant", "OpenProposalsDigest"]

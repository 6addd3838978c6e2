"""Button custom_ids: namespaced, carrying the proposal and the action, so a button still works
after a restart with no state kept in memory (discord.py's `DynamicItem` matches them against a
template and hands over the match: parsed once). Each feature's views module has its own:

    folkmoot:vote:<proposal>:<for|against|abstain>      bot.discord.voting.views
    folkmoot:draft:<proposal>:<publish|revise|discard>  bot.discord.drafting.views
"""

from __future__ import annotations

PREFIX = "folkmoot"
MAX_LENGTH = 100  # Discord's limit for a custom_id
PROPOSAL = r"(?P<proposal>[1-9][0-9]{0,17})"  # the proposal number, as stored; no leading zeros

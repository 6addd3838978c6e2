"""The bot's extensions, one per feature; `FolkmootBot.setup_hook` loads each (its `setup` adds the cog)."""

EXTENSIONS = (
    "bot.discord.communities",
    "bot.discord.proposals.cog",
    "bot.discord.drafting.cog",
    "bot.discord.voting.cog",
    "bot.discord.verification.cog",
    "bot.discord.wallet.cog",
    "bot.discord.digests.cog",
    "bot.discord.settings.cog",
    "bot.discord.reminders.cog",
)

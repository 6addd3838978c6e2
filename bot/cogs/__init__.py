"""One cog per concern; `FolkmootBot.setup_hook` loads each as an extension."""

EXTENSIONS = (
    "bot.cogs.communities",
    "bot.cogs.proposals",
    "bot.cogs.voting",
    "bot.cogs.ai",
    "bot.cogs.chain",
    "bot.cogs.digest",
    "bot.cogs.config",
    "bot.cogs.reminders",
)

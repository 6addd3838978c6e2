"""One cog per concern; `FolkmootBot.setup_hook` loads each as an extension."""

EXTENSIONS = (
    "bot.discord.communities_cog",
    "bot.discord.proposals.cog",
    "bot.discord.voting.cog",
    "bot.discord.proposals.summaries",
    "bot.discord.verification.cog",
    "bot.discord.digests.cog",
    "bot.discord.settings.cog",
    "bot.discord.reminders.cog",
)

"""The bot's extensions: the background tasks (chain loop, scheduler), then one per feature;
`FolkmootBot.setup_hook` loads each (its `setup` adds the cog; commands.Bot.close unloads them)."""

EXTENSIONS = (
    "bot.discord.background",
    "bot.discord.communities",
    "bot.discord.proposals.cog",
    "bot.discord.drafting.cog",
    "bot.discord.voting.cog",
    "bot.discord.verification.cog",
    "bot.discord.wallet.cog",
    "bot.discord.wallet.eligibility",
    "bot.discord.digests.cog",
    "bot.discord.settings.cog",
    "bot.discord.reminders.cog",
    "bot.discord.voting_power.cog",
)

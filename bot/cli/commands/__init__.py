"""CLI commands, one module per area; importing this registers them on the app."""

from bot.cli.commands import community, db, demo, proposals, voting  # noqa: F401

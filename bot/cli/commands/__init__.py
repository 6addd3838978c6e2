"""CLI commands, one module per area; importing this registers them on the app."""

from bot.cli.commands import chain, community, db, demo, proposals, run, voting  # noqa: F401

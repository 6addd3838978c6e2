"""CLI commands, one module per area; importing this registers them on the app."""

from bot.cli.commands import ai, chain, community, db, demo, digest, governor, model, proposals, run, voting  # noqa: F401

"""CLI commands, one module per area; importing this registers them on the app."""

from bot.cli.commands import (  # noqa: F401
    ai,
    audit,
    chain,
    community,
    db,
    demo,
    digest,
    governor,
    model,
    proposals,
    run,
    voting,
    voting_power,
    wallet,
    web,
)

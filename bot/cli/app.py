"""The typer application and the lazily built governance service it drives."""

from __future__ import annotations

import functools

import typer

from governance.application import Governance
from governance.domain import Actor

app = typer.Typer(
    help="Folkmoot: AI-assisted governance for Discord communities, recorded on-chain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
proposal_app = typer.Typer(help="Create, revise, publish and inspect proposals.", no_args_is_help=True)
community_app = typer.Typer(help="Set up communities (one per Discord server).", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
chain_app = typer.Typer(help="The on-chain ledger: deploy, relay the outbox, status.", no_args_is_help=True)
app.add_typer(proposal_app, name="proposal")
app.add_typer(community_app, name="community")
app.add_typer(db_app, name="db")
app.add_typer(chain_app, name="chain")


@functools.cache
def governance() -> Governance:
    from governance.bootstrap import bootstrap  # imported late: `--help` stays instant

    return bootstrap()


@functools.cache
def governance_with_ai() -> Governance:
    """The app with the configured language model and chain (loads the model stack). Outputs are
    cached and may be shown in Discord later, so they are made to fit Discord's limits."""
    from bot.discord.limits import AI_OUTPUT
    from governance.bootstrap import FROM_SETTINGS, bootstrap

    return bootstrap(chain=FROM_SETTINGS, model=FROM_SETTINGS, output_limits=AI_OUTPUT)


@functools.cache
def governance_with_chain() -> Governance:
    """The app connected to the configured chain (web3 loads only for the commands that need it)."""
    from governance.bootstrap import FROM_SETTINGS, bootstrap

    return bootstrap(chain=FROM_SETTINGS)


def operator(name: str = "operator") -> Actor:
    """Whoever runs the CLI has the database in hand, so acts as an admin."""
    return Actor(id=f"cli:{name}", is_admin=True)


def voter(name: str) -> Actor:
    """A voter named on the command line: a Discord member id or any label."""
    name = name.strip()
    if name.isascii() and name.isdigit() and len(name) <= 20:  # a Discord id (64-bit)
        return Actor(id=f"discord:{int(name)}", is_admin=True)
    return Actor(id=f"cli:{name}", is_admin=True)

"""The typer application and the lazily built governance service it drives."""

from __future__ import annotations

import functools

import typer

from governance.application import Governance
from governance.domain import Actor


def group(help: str, **options) -> typer.Typer:
    """A command group. Help is plain text: typer's rich help prints `<bool>` after flags, as if
    `--watch` took a value."""
    return typer.Typer(help=help, no_args_is_help=True, rich_markup_mode=None, **options)


app = group("Folkmoot: AI-assisted governance for Discord communities, recorded on-chain.",
            add_completion=False, pretty_exceptions_enable=False)
proposal_app = group("Create, revise, publish and inspect proposals.")
community_app = group("Set up communities (one per Discord server) and change their rules.")
db_app = group("Database schema.")
chain_app = group("The on-chain ledger: deploy, relay the outbox, status.")
AS_JSON = typer.Option(False, "--json", help="Print JSON instead of tables (the keys are listed in the README).")
app.add_typer(proposal_app, name="proposal")
app.add_typer(community_app, name="community")
app.add_typer(db_app, name="db")
app.add_typer(chain_app, name="chain")


@functools.cache
def governance() -> Governance:
    from governance.bootstrap import bootstrap  # imported late: `--help` stays instant

    return bootstrap()


@functools.cache
def governance_with_ai(chain: bool = False) -> Governance:
    """The app with the configured language model (loads the model stack), and the chain only when
    asked (verify-ai): drafting and summarizing never touch it. Outputs are cached and may be shown
    in Discord later, so they are made to fit Discord's limits."""
    from bot.discord.limits import AI_OUTPUT
    from governance.bootstrap import FROM_SETTINGS, bootstrap

    return bootstrap(chain=FROM_SETTINGS if chain else None, model=FROM_SETTINGS, output_limits=AI_OUTPUT)


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

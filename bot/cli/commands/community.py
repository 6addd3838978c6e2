"""`folkmoot community create|configure|list`: the rules `/config` sets in Discord, from the terminal."""

from __future__ import annotations

import math
from typing import Any

import typer

from bot.cli.app import AS_JSON, community_app, governance, operator
from bot.cli.json_views import community_json, dump
from bot.cli.render import community_table, console
from governance.domain.durations import parse_duration
from governance.errors import AlreadyExists, InvalidInput

QUORUM_HELP = "A voter count (25) or a share of eligible members (20%)."
THRESHOLD_HELP = "Percent of For among For+Against that a proposal must exceed to pass (0 up to 100, exclusive)."
PERIOD_HELP = "Voting period of new proposals, e.g. 3d, 12h or 2w."
EVERYONE = "everyone"  # a role option's value meaning "no role needed"


def threshold_bps(threshold: float) -> int:
    if not (math.isfinite(threshold) and 0 <= threshold < 100):
        raise InvalidInput("The threshold must be a percentage from 0 up to (not including) 100.")
    return round(threshold * 100)


def role(value: str, what: str) -> int | None:
    """A role id, or `everyone` for no restriction (as choosing @everyone in /config)."""
    text = value.strip()
    if text.lower() == EVERYONE:
        return None
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput(f"The {what} must be a Discord role id (a number) or '{EVERYONE}'.")
    return int(text)


@community_app.command("create")
def create(
    community_id: int = typer.Argument(..., help="The Discord server (guild) id."),
    name: str = typer.Argument(..., help="A display name."),
    quorum: str = typer.Option("3", help=QUORUM_HELP),
    threshold: float = typer.Option(50.0, help=THRESHOLD_HELP),
    period: str = typer.Option("7d", help=PERIOD_HELP),
) -> None:
    """Set up a community with its voting rules (refuses an existing one: use configure)."""
    try:
        community = governance().setup_community(
            community_id, name, operator(), quorum=quorum, threshold_bps=threshold_bps(threshold),
            voting_period=parse_duration(period), refuse_existing=True,
        )
    except AlreadyExists as exists:
        raise InvalidInput(f"{exists} Change them with `folkmoot community configure {community_id} "
                           "--quorum … --threshold … --period …`.") from None
    console.print(community_table([community]))


@community_app.command("configure")
def configure(
    community_id: int = typer.Argument(..., help="The Discord server (guild) id."),
    name: str = typer.Option(None, "--name", help="A new display name."),
    quorum: str = typer.Option(None, "--quorum", help=QUORUM_HELP),
    threshold: float = typer.Option(None, "--threshold", help=THRESHOLD_HELP),
    period: str = typer.Option(None, "--period", help=PERIOD_HELP),
    voter_role: str = typer.Option(None, "--voter-role", help=f"Only this role may vote: a role id, or {EVERYONE}."),
    proposer_role: str = typer.Option(None, "--proposer-role",
                                      help=f"Only this role may propose: a role id, or {EVERYONE} (whoever may vote)."),
    digest_channel: int = typer.Option(None, "--digest-channel", help="The channel id the digest is posted in."),
    digest_schedule: str = typer.Option(None, "--digest-schedule",
                                        help="When the digest is posted, as a cron line, e.g. '0 9 * * mon'."),
    timezone: str = typer.Option(None, "--timezone", help="The digest schedule's time zone, e.g. Europe/Paris."),
    as_json: bool = AS_JSON,
) -> None:
    """Change a community's rules, as /config does in Discord (audited); only the options given change."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = name
    if quorum is not None:
        changes["quorum"] = quorum
    if threshold is not None:
        changes["threshold_bps"] = threshold_bps(threshold)
    if period is not None:
        changes["voting_period"] = parse_duration(period)
    if voter_role is not None:
        changes["eligible_role_id"] = role(voter_role, "voter role")
    if proposer_role is not None:
        changes["proposer_role_id"] = role(proposer_role, "proposer role")
    if digest_channel is not None:
        changes["digest_channel_id"] = digest_channel
    if digest_schedule is not None:
        changes["digest_cron"] = " ".join(digest_schedule.split())
    if timezone is not None:
        changes["timezone"] = timezone
    gov = governance()
    community = gov.configure(community_id, operator(), **changes) if changes else gov.community(community_id)
    if as_json:
        dump(community_json(community))
        return
    console.print(community_table([community]))
    if not changes:
        console.print("Nothing changed: give the options to change (see --help).")


@community_app.command("list")
def list_communities(as_json: bool = AS_JSON) -> None:
    """Show every community and its rules."""
    communities = governance().communities()
    if as_json:
        dump([community_json(c) for c in communities])
        return
    console.print(community_table(communities))

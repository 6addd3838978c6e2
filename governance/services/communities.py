"""Setting up a community and changing its settings (audited)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from governance.domain import Actor, Community, QuorumRule
from governance.domain.community import require_admin, validate_voting_period
from governance.domain.cron import validate_cron
from governance.domain.identifiers import require_snowflake
from governance.domain.tally import validate_threshold
from governance.errors import AlreadyExists, InvalidInput
from governance.ports import Clock, UnitOfWork
from governance.services import lookup

SETTINGS = (
    "name", "voting_period", "quorum", "threshold_bps", "eligible_role_id", "proposer_role_id",
    "digest_channel_id", "digest_cron", "timezone",
)


def _validated(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(SETTINGS)
    if unknown:
        raise InvalidInput(f"Unknown setting: {', '.join(sorted(unknown))}.")
    if "name" in changes:
        name = " ".join(str(changes["name"]).split())
        if not 1 <= len(name) <= 100 or not name.isprintable():
            raise InvalidInput("The community name must be 1 to 100 printable characters.")
        changes["name"] = name
    for key, what in (("eligible_role_id", "The voter role"), ("proposer_role_id", "The proposer role"),
                      ("digest_channel_id", "The digest channel")):
        if changes.get(key) is not None:
            require_snowflake(changes[key], what)
    if "voting_period" in changes:
        validate_voting_period(changes["voting_period"])
    if "quorum" in changes and not isinstance(changes["quorum"], QuorumRule):
        changes["quorum"] = QuorumRule.parse(str(changes["quorum"]))
    if "threshold_bps" in changes:
        validate_threshold(int(changes["threshold_bps"]))
    if "timezone" in changes:
        changes["timezone"] = _time_zone(changes["timezone"])
    if "digest_cron" in changes:
        changes["digest_cron"] = validate_cron(changes["digest_cron"])
    return changes


def _time_zone(name: object) -> str:
    text = str(name).strip()
    try:
        if not 1 <= len(text) <= 64:
            raise ValueError
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America" is a folder, not a zone
        raise InvalidInput(f"'{text[:40]}' is not a known time zone, like Europe/Paris or UTC.") from None
    return text


def setup_community(uow: UnitOfWork, clock: Clock, *, community_id: int, name: str, actor: Actor,
                    refuse_existing: bool = False, **settings: Any) -> Community:
    """Creates the community, or returns it unchanged if it already exists (the bot meets a server
    again), or, with refuse_existing, raises AlreadyExists (an operator who means these rules)."""
    require_admin(actor)
    require_snowflake(community_id, "The community id")
    settings = _validated({"name": name, **settings})
    with uow:
        existing = uow.communities.get(community_id)
        if existing is not None and refuse_existing:
            raise AlreadyExists(f"Community {community_id} already exists; its rules were left as they are.")
        if existing is not None:
            return existing
        community = Community(id=community_id, **settings)
        uow.communities.add(community)
        uow.audit.add(community_id, actor.id, "setup", _printable(settings), clock.now())
        uow.commit()
    return community


def configure(uow: UnitOfWork, clock: Clock, *, community_id: int, actor: Actor,
              **changes: Any) -> Community:
    require_admin(actor)
    changes = _validated(changes)
    with uow:
        community = lookup.community(uow, community_id)
        before = {k: getattr(community, k) for k in changes}
        community = dataclasses.replace(community, **changes)
        uow.communities.save(community)
        uow.audit.add(community_id, actor.id, "configure",
                      {"before": _printable(before), "after": _printable(changes)}, clock.now())
        uow.commit()
    return community


def _printable(values: dict[str, Any]) -> dict[str, Any]:
    def show(v: Any) -> Any:
        if isinstance(v, timedelta):
            return int(v.total_seconds())
        if isinstance(v, QuorumRule):
            return v.describe()
        return v
    return {k: show(v) for k, v in values.items()}

"""Every use case, fed hostile input: it succeeds, or refuses with one short line and writes nothing.

Each property draws its own inputs (`st.data()`), so one parametrized test covers every use case;
a failure prints the drawn values. The inputs that once crashed the product are pinned, with
their exact values, in test_found_edges.py; the ranges here include them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.domain import Actor, Proposal, ProposalState, Support, parse_support
from governance.domain.durations import parse_duration
from governance.domain.text import MAX_BODY_CHARS, MAX_TITLE_CHARS, content_hash
from governance.domain.votes import discord_voter
from governance.errors import GovernanceError, ProposalNotFound, Unavailable
from tests.conftest import VOTER_ROLE
from tests.reliability.conftest import ADMIN, AUTHOR, World
from tests.reliability.strategies import (
    FUZZ,
    FUZZ_SMALL,
    any_int,
    crons,
    hostile_text,
    mostly,
    periods,
    quorum_text,
    thresholds,
    typed_durations,
    zones,
)

pytestmark = pytest.mark.reliability


def text(pg: bool):
    return hostile_text


def some_actor(data, pg: bool) -> Actor:
    """Discord members and admins, and CLI operators with any name `Actor` accepts (`--as`; names it
    refuses are the CLI's one-line error, fuzzed in test_cli_fuzz.py)."""
    names = hostile_text.map(lambda name: "".join(ch for ch in name if ch.isprintable())[:76] or "x")
    operators = st.builds(lambda name: Actor(id=f"cli:{name}", is_admin=True), names)
    return data.draw(st.sampled_from([ADMIN, AUTHOR]) | operators, label="actor")


def period_input(data, default_allowed: bool = True):
    """A timedelta, or (as the bot and the CLI get it) text that parse_duration reads inside the attempt."""
    if data.draw(st.booleans(), label="typed period"):
        typed = data.draw(typed_durations, label="voting_period as typed")
        return lambda: parse_duration(typed)
    period = data.draw(periods | st.none() if default_allowed else periods, label="voting_period")
    return lambda: period


def setting_changes(pg: bool):
    ids = any_int | st.none()
    values = {
        "name": text(pg), "quorum": quorum_text, "threshold_bps": thresholds, "voting_period": periods,
        "eligible_role_id": ids, "proposer_role_id": ids, "digest_channel_id": ids,
        "digest_cron": crons, "timezone": zones | hostile_text, "colour": st.just("red"),  # an unknown setting
    }
    return st.fixed_dictionaries({}, optional=values)


def proposal_id(world: World, data, *, fresh: str = "draft") -> int:
    """Usually a fresh proposal (a draft or an open one); sometimes any integer at all."""
    kind = data.draw(st.sampled_from([fresh, fresh, fresh, "any"]), label="proposal")
    if kind == "any":
        return data.draw(any_int, label="proposal_id")
    return (world.draft() if kind == "draft" else world.active()).id


def read_back_equal(world: World, proposal: Proposal) -> None:
    stored = world.gov.show(proposal.id)
    assert stored.latest.title == proposal.latest.title and stored.latest.body == proposal.latest.body
    assert stored.latest.content_hash == content_hash(stored.latest.title, stored.latest.body)
    title = stored.latest.title
    assert 1 <= len(title) <= MAX_TITLE_CHARS and len(title.splitlines()) == 1
    assert 1 <= len(stored.latest.body) <= MAX_BODY_CHARS


# --- the properties -------------------------------------------------------------------------

def setup_community(world: World, data, pg: bool) -> None:
    community_id = data.draw(any_int, label="community_id")
    name = data.draw(text(pg), label="name")
    changes = data.draw(setting_changes(pg).map(lambda d: {k: v for k, v in d.items() if k != "name"}),
                        label="settings")
    actor = ADMIN
    result = world.attempt(lambda: world.gov.setup_community(community_id, name, actor, **changes))
    if not isinstance(result, GovernanceError):
        assert world.gov.community(community_id) == result
        assert 1 <= len(result.name) <= 100


def configure(world: World, data, pg: bool) -> None:
    community_id = data.draw(mostly(world.spare_community_id, any_int), label="community_id")
    changes = data.draw(setting_changes(pg), label="changes")
    period = period_input(data, default_allowed=False) if "voting_period" in changes else None

    def change():
        if period is not None:
            changes["voting_period"] = period()
        return world.gov.configure(community_id, ADMIN, **changes)
    result = world.attempt(change)
    if not isinstance(result, GovernanceError):
        assert world.gov.community(community_id) == result


def create_draft(world: World, data, pg: bool) -> None:
    community_id = data.draw(mostly(world.community_id, any_int), label="community_id")
    actor = some_actor(data, pg)
    title, body = data.draw(text(pg), label="title"), data.draw(text(pg), label="body")
    result = world.attempt(lambda: world.gov.create_draft(community_id, actor, title, body))
    if not isinstance(result, GovernanceError):
        read_back_equal(world, result)


def revise(world: World, data, pg: bool) -> None:
    pid = proposal_id(world, data)
    title = data.draw(text(pg) | st.none(), label="title")
    body = data.draw(text(pg) | st.none(), label="body")
    result = world.attempt(lambda: world.gov.revise(pid, AUTHOR, title, body))
    if not isinstance(result, GovernanceError):
        read_back_equal(world, result)
        assert [r.number for r in world.gov.show(pid).revisions] == list(range(1, len(result.revisions) + 1))


def publish(world: World, data, pg: bool) -> None:
    pid = proposal_id(world, data)
    period = period_input(data)
    eligible = data.draw(any_int | st.none(), label="eligible_count")
    result = world.attempt(lambda: world.gov.publish(pid, AUTHOR, period(), eligible))
    if not isinstance(result, GovernanceError):
        assert result.state is ProposalState.ACTIVE
        assert result.deadline - result.published_at == (period() or timedelta(days=3))


def withdraw(world: World, data, pg: bool) -> None:
    pid = proposal_id(world, data, fresh=data.draw(st.sampled_from(["draft", "active"])))
    result = world.attempt(lambda: world.gov.withdraw(pid, AUTHOR))
    if not isinstance(result, GovernanceError):
        assert world.gov.show(pid).state is ProposalState.WITHDRAWN


def vote(world: World, data, pg: bool) -> None:
    pid = proposal_id(world, data, fresh="active")
    member = data.draw(st.integers(0, 2**63 - 1), label="member_id")
    voter = Actor(id=discord_voter(member), role_ids=frozenset({VOTER_ROLE}))
    typed = data.draw(st.one_of(*[st.sampled_from(list(Support))] * 3, hostile_text), label="choice")  # the CLI parses text
    reason = data.draw(text(pg) | st.none(), label="reason")

    def cast():
        return world.gov.vote(pid, voter, parse_support(typed), reason)
    result = world.attempt(cast)
    if not isinstance(result, GovernanceError):
        stored = {v.voter: v for v in world.gov.votes(pid)}[voter.id]
        assert stored.support is parse_support(typed) and stored.reason == result.vote.reason


def close(world: World, data, pg: bool) -> None:
    pid = proposal_id(world, data, fresh="active")
    for n in range(data.draw(st.integers(0, 4), label="voters")):
        world.attempt(lambda n=n: world.gov.vote(pid, Actor(f"discord:{5000 + n}", frozenset({VOTER_ROLE})),
                                                 Support(n % 3)))
    world.clock.advance(data.draw(st.timedeltas(timedelta(0), timedelta(days=10)), label="wait"))
    result = world.attempt(lambda: world.gov.close(pid))
    if not isinstance(result, GovernanceError):
        assert world.gov.show(pid).state is ProposalState.CLOSED


def show_and_tally(world: World, data, pg: bool) -> None:
    pid = proposal_id(world, data, fresh=data.draw(st.sampled_from(["draft", "active"])))
    for read in (world.gov.show, world.gov.tally, world.gov.votes):
        result = world.attempt(lambda read=read: read(pid))
        assert not isinstance(result, GovernanceError) or isinstance(result, ProposalNotFound)


def list_proposals(world: World, data, pg: bool) -> None:
    community_id = data.draw(st.none() | mostly(world.community_id, any_int), label="community_id")
    states = tuple(data.draw(st.sets(st.sampled_from(ProposalState)), label="states"))
    limit = data.draw(any_int, label="limit")
    result = world.attempt(lambda: world.gov.list(community_id, states, limit))
    if not isinstance(result, GovernanceError):
        assert all(p.state in states for p in result) or not states


def verify_without_chain(world: World, data, pg: bool) -> None:
    pid = data.draw(st.just(world.draft().id) | any_int, label="proposal_id")
    assert isinstance(world.attempt(lambda: world.gov.verify(pid)), Unavailable)


EVERY_USE_CASE = [setup_community, configure, create_draft, revise, publish, withdraw, vote, close,
                  show_and_tally, list_proposals, verify_without_chain]


@pytest.mark.parametrize("use_case", EVERY_USE_CASE, ids=lambda f: f.__name__)
@FUZZ
@given(data=st.data())
def test_hostile_input_on_sqlite(sqlite_world, use_case, data):
    use_case(sqlite_world, data, pg=False)


@pytest.mark.postgres
@pytest.mark.parametrize("use_case", EVERY_USE_CASE, ids=lambda f: f.__name__)
@FUZZ_SMALL
@given(data=st.data())
def test_hostile_input_on_postgres(shared_postgres_world, use_case, data):
    use_case(shared_postgres_world, data, pg=True)

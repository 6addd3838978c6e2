"""Who may do what, use case by use case, in a community where voting and proposing need roles.

The community has `eligible_role_id` (Voters) and `proposer_role_id` (Proposers) set. Four actors:
  member      has the Voters role
  ineligible  has no role
  proposer    has Voters and Proposers, and is the author of the proposals acted on
  admin       has Manage Server and no role at all (admins bypass role rules)
Every cell runs on fresh state; a refusal must be one line and leave the database unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from governance.domain import Actor, Support
from governance.errors import GovernanceError, NotAllowed, NotEligible, Unavailable
from tests.conftest import VOTER_ROLE
from tests.reliability.conftest import ADMIN, AUTHOR, World

pytestmark = pytest.mark.reliability

OK = "allowed"
ACTORS = {
    "member": Actor(id="discord:3", role_ids=frozenset({VOTER_ROLE})),
    "ineligible": Actor(id="discord:4"),
    "proposer": AUTHOR,
    "admin": ADMIN,
}

# The policy at a glance. Columns: member, ineligible, proposer (the author), admin.
EXPECTED: dict[str, tuple[object, object, object, object]] = {
    "setup_community": (NotAllowed, NotAllowed, NotAllowed, OK),
    "configure": (NotAllowed, NotAllowed, NotAllowed, OK),
    "create_draft": (NotEligible, NotEligible, OK, OK),
    "revise": (NotAllowed, NotAllowed, OK, OK),  # the author or an admin
    "publish": (NotAllowed, NotAllowed, OK, OK),
    "withdraw draft": (NotAllowed, NotAllowed, OK, OK),
    "withdraw open": (NotAllowed, NotAllowed, OK, OK),
    "vote": (OK, NotEligible, OK, OK),
    "change vote": (OK, NotEligible, OK, OK),
    "close": (OK, OK, OK, OK),  # takes no actor: anyone may ask once the deadline has passed
    "show": (OK, OK, OK, OK),  # reads take no actor (the bot scopes them to the server)
    "tally": (OK, OK, OK, OK),
    "list": (OK, OK, OK, OK),
    "community": (OK, OK, OK, OK),
    "verify": (Unavailable, Unavailable, Unavailable, Unavailable),  # no chain configured
    "link_wallet": (Unavailable, Unavailable, Unavailable, Unavailable),
}

_new_ids = iter(range(1, 10**6))


def _revise(w: World, a: Actor):
    draft = w.draft()
    return lambda: w.gov.revise(draft.id, a, body="Changed.")


def _publish(w: World, a: Actor):
    draft = w.draft()
    return lambda: w.gov.publish(draft.id, a)


def _withdraw_draft(w: World, a: Actor):
    draft = w.draft()
    return lambda: w.gov.withdraw(draft.id, a)


def _withdraw_open(w: World, a: Actor):
    proposal = w.active()
    return lambda: w.gov.withdraw(proposal.id, a)


def _vote(w: World, a: Actor):
    proposal = w.active()
    return lambda: w.gov.vote(proposal.id, a, Support.FOR)


def _change_vote(w: World, a: Actor):
    proposal = w.active()
    if a.may_vote(w.gov.community(w.community_id)):
        w.gov.vote(proposal.id, a, Support.FOR)  # the first vote, outside the attempt
    return lambda: w.gov.vote(proposal.id, a, Support.AGAINST)


def _close(w: World, a: Actor):
    proposal = w.active()
    w.clock.advance(timedelta(days=4))  # past the deadline
    return lambda: w.gov.close(proposal.id)


def _show(w: World, a: Actor):
    draft = w.draft()
    return lambda: w.gov.show(draft.id)


def _tally(w: World, a: Actor):
    proposal = w.active()
    return lambda: w.gov.tally(proposal.id)


def _verify(w: World, a: Actor):
    proposal = w.active()
    return lambda: w.gov.verify(proposal.id)


# Each prepares fresh state and returns the action to attempt as actor `a`.
ACTIONS: dict[str, Callable[[World, Actor], Callable[[], object]]] = {
    "setup_community": lambda w, a: lambda: w.gov.setup_community(next(_new_ids), "New", a),
    "configure": lambda w, a: lambda: w.gov.configure(w.community_id, a, quorum="5"),
    "create_draft": lambda w, a: lambda: w.gov.create_draft(w.community_id, a, "Idea", "Let us do it."),
    "revise": _revise,
    "publish": _publish,
    "withdraw draft": _withdraw_draft,
    "withdraw open": _withdraw_open,
    "vote": _vote,
    "change vote": _change_vote,
    "close": _close,
    "show": _show,
    "tally": _tally,
    "list": lambda w, a: lambda: w.gov.list(w.community_id),
    "community": lambda w, a: lambda: w.gov.community(w.community_id),
    "verify": _verify,
    "link_wallet": lambda w, a: lambda: w.gov.link_wallet(w.community_id, a, "0x" + "11" * 20, "0x00"),
}


def observe(world: World, use_case: str) -> tuple[object, ...]:
    seen = []
    for actor in ACTORS.values():
        action = ACTIONS[use_case](world, actor)
        result = world.attempt(action)  # refusals: one line, nothing written
        seen.append(type(result) if isinstance(result, GovernanceError) else OK)
    return tuple(seen)


def test_every_use_case_is_in_the_table():
    assert set(ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize("use_case", EXPECTED)
def test_authorization_on_sqlite(sqlite_world, use_case):
    assert dict(zip(ACTORS, observe(sqlite_world, use_case))) == dict(zip(ACTORS, EXPECTED[use_case]))


@pytest.mark.postgres
def test_authorization_on_postgres(postgres_world):
    observed = {use_case: observe(postgres_world, use_case) for use_case in EXPECTED}
    assert observed == EXPECTED

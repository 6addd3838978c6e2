"""The suite's own checks must be able to fail: a snapshot sees every write, a refusal that wrote is
caught, and a message that is not one short line is rejected."""

from __future__ import annotations

import pytest

from governance.errors import GovernanceError, InvalidInput
from tests.reliability.conftest import AUTHOR, World
from tests.reliability.snapshot import assert_user_safe

pytestmark = pytest.mark.reliability


def test_a_snapshot_sees_a_write(sqlite_world: World):
    before = sqlite_world.snapshots.take()
    sqlite_world.draft()
    after = sqlite_world.snapshots.take()
    assert {name for name in before if before[name] != after[name]} >= {"proposal", "revision", "outbox"}


def test_a_refusal_that_wrote_is_caught(sqlite_world: World):
    def writes_then_refuses():
        sqlite_world.gov.create_draft(sqlite_world.community_id, AUTHOR, "Sneaky", "Half done.")
        raise InvalidInput("Refused.")
    with pytest.raises(AssertionError, match="changed tables"):
        sqlite_world.attempt(writes_then_refuses)


def test_a_foreign_exception_escapes(sqlite_world: World):
    with pytest.raises(ZeroDivisionError):
        sqlite_world.attempt(lambda: 1 / 0)


@pytest.mark.parametrize("message", ["", "   ", "x" * 300])
def test_unsafe_messages_are_rejected(message):
    with pytest.raises(AssertionError):
        assert_user_safe(GovernanceError(message))


def test_a_multi_line_message_is_rejected():
    error = GovernanceError("one")
    error.args = ("one\ntwo",)
    with pytest.raises(AssertionError):
        assert_user_safe(error)

"""Edge inputs the fuzzing found crashing the product (now fixed), pinned with their exact values.

Each test states the correct behaviour: a one-line GovernanceError (CLI: exit 2 and one `error:`
line) and nothing written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from governance.domain import Actor, Support
from governance.errors import GovernanceError, InvalidInput
from tests.conftest import GUILD
from tests.reliability.conftest import ADMIN, AUTHOR, COMMUNITY, SPARE, World

pytestmark = pytest.mark.reliability

BIG = 2**63  # one past the largest 64-bit id a BigInteger column (and SQLite) holds
POSTGRES = pytest.mark.postgres


def refused(world: World, action) -> GovernanceError:
    result = world.attempt(action)  # anything but a GovernanceError escapes and fails the test
    assert isinstance(result, GovernanceError), f"accepted: {result!r}"
    return result


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=POSTGRES)])
def world(request) -> World:
    return request.getfixturevalue(f"{request.param}_world")


@pytest.fixture
def postgres_world(shared_postgres_world) -> World:
    """These tests only add rows, so they share one schema."""
    return shared_postgres_world


# --- service layer ---------------------------------------------------------------------------

OUT_OF_RANGE_IDS = {
    "setup_community(2**63)": lambda w: w.gov.setup_community(BIG, "Big", ADMIN),
    "configure(2**64)": lambda w: w.gov.configure(2**64, ADMIN, quorum="3"),
    "create_draft(2**63)": lambda w: w.gov.create_draft(BIG, AUTHOR, "Title", "Text."),
    "list(community_id=2**63)": lambda w: w.gov.list(BIG),
    "eligible_role_id=2**63": lambda w: w.gov.setup_community(7, "Roles", ADMIN, eligible_role_id=BIG),
}


@pytest.mark.parametrize("call", OUT_OF_RANGE_IDS.values(), ids=OUT_OF_RANGE_IDS.keys())
def test_ids_beyond_64_bits_are_refused(world, call):
    refused(world, lambda: call(world))


def test_huge_count_quorum_is_refused_sqlite(sqlite_world):
    refused(sqlite_world, lambda: sqlite_world.gov.configure(SPARE, ADMIN, quorum="9223372036854775808"))


@POSTGRES
@pytest.mark.parametrize("quorum", ["2147483648", "9999999999"])
def test_huge_count_quorum_is_refused_postgres(postgres_world, quorum):
    refused(postgres_world, lambda: postgres_world.gov.configure(SPARE, ADMIN, quorum=quorum))


def test_huge_eligible_count_is_refused_sqlite(sqlite_world):
    draft = sqlite_world.draft()
    refused(sqlite_world, lambda: sqlite_world.gov.publish(draft.id, AUTHOR, eligible_count=BIG))


@POSTGRES
def test_huge_eligible_count_is_refused_postgres(postgres_world):
    draft = postgres_world.draft()
    refused(postgres_world, lambda: postgres_world.gov.publish(draft.id, AUTHOR, eligible_count=2**31))


@pytest.mark.parametrize("zone", ["America", "x" * 300])
def test_bad_time_zone_is_refused(sqlite_world, zone):
    refused(sqlite_world, lambda: sqlite_world.gov.configure(SPARE, ADMIN, timezone=zone))


@pytest.mark.parametrize("cron", ["99 99 * * *", "a b c d e"])
def test_unschedulable_digest_cron_is_refused(sqlite_world, cron):
    assert isinstance(sqlite_world.attempt(
        lambda: sqlite_world.gov.configure(SPARE, ADMIN, digest_cron=cron)), InvalidInput)


@POSTGRES
def test_long_digest_cron_is_refused_postgres(postgres_world):
    cron = " ".join(["0" * 30] * 5)
    refused(postgres_world, lambda: postgres_world.gov.configure(SPARE, ADMIN, digest_cron=cron))


@POSTGRES
def test_nul_in_community_name_is_refused_postgres(postgres_world):
    refused(postgres_world, lambda: postgres_world.gov.setup_community(9, "Guild\x00Name", ADMIN))


LONG_OPERATOR_ID = "cli:" + "x" * 80  # `folkmoot ... --as xxxx…` (80 x)


@POSTGRES
@pytest.mark.parametrize("use_case", ["create_draft", "vote"])
def test_long_actor_id_is_refused_postgres(postgres_world, use_case):
    w = postgres_world
    if use_case == "create_draft":
        refused(w, lambda: w.gov.create_draft(GUILD, Actor(id=LONG_OPERATOR_ID, is_admin=True), "Title", "Text."))
    else:
        proposal = w.active()
        refused(w, lambda: w.gov.vote(proposal.id, Actor(id=LONG_OPERATOR_ID, is_admin=True), Support.FOR))


@POSTGRES
def test_negative_list_limit_is_clamped_postgres(postgres_world):
    postgres_world.draft()
    postgres_world.draft()
    assert len(postgres_world.gov.list(GUILD, (), -1)) == 1  # a limit below 1 is read as 1


# --- the CLI ---------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["community", "create", "9223372036854775808", "Big"],
    ["community", "create", "43", "Q", "--quorum", "9223372036854775808"],
    ["proposal", "create", "--title", "T", "--body", "B", "--community", "9223372036854775808"],
    ["proposal", "list", "--community", "9223372036854775808"],
    ["proposal", "publish", "1", "--eligible", "9223372036854775808"],
], ids=lambda argv: " ".join(argv[:2] + argv[-2:]))
def test_cli_huge_numbers(cli, argv):
    cli.draft()
    assert cli.run(argv)[0] == 2


@pytest.mark.parametrize("threshold", ["nan", "inf", "1e308"])
def test_cli_non_finite_threshold(cli, threshold):
    assert cli.run(["community", "create", "43", "X", "--threshold", threshold])[0] == 2


def test_cli_superscript_digit_voter_is_a_name_not_an_id(cli):
    cli.active()  # '²'.isdigit() is True, but it is no Discord id: it votes as the name "cli:²"
    assert cli.run(["vote", "1", "for", "--as", "²"])[0] == 0


def test_cli_body_file_error_is_short(cli):
    _, error = cli.run(["proposal", "create", "--title", "T", "--body-file", "/nonexistent/" + "x" * 400])
    assert len(error) < 300


def test_cli_argv_not_utf8(cli, tmp_path):
    script = Path(sys.executable).with_name("folkmoot")
    env = {"FOLKMOOT_DATABASE_URL": f"sqlite:///{cli.db}", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([os.fsencode(script), b"proposal", b"create", b"--title", b"\xff", b"--body",
                             b"Text.", b"--community", str(COMMUNITY).encode()],
                            check=False, capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 2 and result.stderr.decode().startswith("error: "), result.stderr[-300:]


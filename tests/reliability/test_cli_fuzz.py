"""The CLI, fed hostile argv: exit 0, or exit 2 with one `error: ` line, no traceback, nothing written.

Values a shell cannot pass (NUL) are left out. The inputs that once crashed the CLI are pinned
with their exact values in test_found_edges.py (with argv that is not UTF-8 and --body-file).
"""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from bot.cli.app import governance
from governance.domain import ProposalState
from tests.reliability.conftest import COMMUNITY, Cli
from tests.reliability.strategies import FUZZ, any_int, hostile_text, quorum_text

pytestmark = pytest.mark.reliability

shell_text = hostile_text.map(lambda s: s.replace("\x00", ""))  # argv cannot carry NUL


def number(ints=any_int):
    """A number as typed: usually a plain integer, sometimes anything at all."""
    return st.one_of(ints.map(str), ints.map(str), shell_text)


def proposal(cli: Cli, data, fresh: str = "draft") -> str:
    kind = data.draw(st.sampled_from([fresh, fresh, "typed"]), label="which proposal")
    if kind == "typed":
        return data.draw(number(), label="proposal id")
    return str({"draft": cli.draft, "active": cli.active, "ended": cli.ended}[kind]())


def options(data, **choices) -> list[str]:
    """Each option present or not; present ones take a drawn value."""
    argv: list[str] = []
    for name, values in choices.items():
        if data.draw(st.booleans(), label=f"give {name}"):
            argv += [name.replace("_", "-"), data.draw(values, label=name)]
    return argv


community_ids = any_int
member = shell_text


def community_create(cli, data):
    return ["community", "create", data.draw(number(community_ids), label="id"),
            data.draw(shell_text, label="name"),
            *options(data, __quorum=quorum_text | shell_text,
                     __threshold=st.floats().map(str) | st.sampled_from(["nan", "inf", "1e308"]) | shell_text,
                     __period=st.sampled_from(["1m", "7d", "90d", "91d", "0m", "59s", "2w", "forever"])
                     | shell_text)]


def proposal_create(cli, data):
    return ["proposal", "create", "--title", data.draw(shell_text, label="title"),
            "--body", data.draw(shell_text, label="body"),
            *options(data, __community=st.just(str(COMMUNITY)) | number(community_ids), __as=shell_text)]


def proposal_revise(cli, data):
    return ["proposal", "revise", proposal(cli, data),
            *options(data, __title=shell_text, __body=shell_text)]


def proposal_publish(cli, data):
    return ["proposal", "publish", proposal(cli, data),
            *options(data, __period=st.sampled_from(["1m", "3d", "91d", "12h"]) | shell_text,
                     __eligible=number())]


def proposal_withdraw(cli, data):
    return ["proposal", "withdraw", proposal(cli, data, data.draw(st.sampled_from(["draft", "active"])))]


def proposal_list(cli, data):
    states = st.sampled_from([s.value for s in ProposalState]) | shell_text
    return ["proposal", "list", *options(data, __community=number(community_ids), __state=states,
                                         __limit=number())]


def proposal_show(cli, data):
    return ["proposal", "show", proposal(cli, data, data.draw(st.sampled_from(["draft", "active"])))]


def vote(cli, data):
    choice = st.sampled_from(["for", "against", "abstain", "yes", "no", "0", "1", "2", " FOR "])
    return ["vote", proposal(cli, data, data.draw(st.sampled_from(["active", "active", "ended"]))),
            data.draw(choice | choice | shell_text, label="choice"),
            "--as", data.draw(member, label="as"), *options(data, __reason=shell_text)]


def tally(cli, data):
    return ["tally", proposal(cli, data, data.draw(st.sampled_from(["draft", "active", "ended"])))]


def close(cli, data):
    return ["close", proposal(cli, data, data.draw(st.sampled_from(["active", "ended", "ended"])))]


EVERY_COMMAND = [community_create, proposal_create, proposal_revise, proposal_publish, proposal_withdraw,
                 proposal_list, proposal_show, vote, tally, close]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda f: f.__name__)
@FUZZ
@given(data=st.data())
def test_hostile_argv(cli, command, data):
    argv = command(cli, data)
    status, _ = cli.run(argv)
    event(f"exit status {status}")
    if command is proposal_create and status == 0:
        assert governance().list(COMMUNITY, (), 1)[0].latest.body.strip()  # it really was stored

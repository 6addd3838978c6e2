"""`folkmoot proposal create|revise|publish|withdraw|list|show`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from bot.cli.app import AS_JSON, governance, operator, proposal_app
from bot.cli.json_views import dump, proposal_detail_json, proposal_json
from bot.cli.render import console, proposal_panel, proposals_table
from governance.domain import ProposalState
from governance.domain.durations import parse_duration
from governance.errors import CommunityNotFound, InvalidInput

MAX_FILE_BYTES = 1_000_000  # far above the text limit; refuses to slurp a huge file


def read_body(body: str | None, body_file: Path | None) -> str | None:
    if body is not None and body_file is not None:
        raise InvalidInput("Give the text with --body or --body-file, not both.")
    if body_file is None:
        return body
    try:
        if str(body_file) == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with body_file.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InvalidInput(f"Cannot read {_shown(body_file)}: {error.strerror or error}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(f"{_shown(body_file)} is larger than {MAX_FILE_BYTES:,} bytes.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{_shown(body_file)} is not UTF-8 text.") from None


def _shown(path: Path) -> str:
    """A path short enough for a one-line error."""
    text = str(path)
    return text if len(text) <= 60 else "…" + text[-59:]


def default_community(community_id: int | None) -> int:
    if community_id is not None:
        return community_id
    communities = governance().communities()
    if len(communities) != 1:
        raise CommunityNotFound("(none given)") if not communities else InvalidInput(
            "There are several communities; choose one with --community."
        )
    return communities[0].id


@proposal_app.command("create")
def create(
    title: str = typer.Option(..., "--title", help="One line, at most 200 characters."),
    body: str = typer.Option(None, "--body", help="The proposal text."),
    body_file: Path = typer.Option(None, "--body-file", help="Read the text from a file (- for stdin)."),
    community: int = typer.Option(None, "--community", help="Community id (the only one by default)."),
    author: str = typer.Option("operator", "--as", help="Author name recorded with the draft."),
) -> None:
    """Write a new draft proposal (revision 1)."""
    text = read_body(body, body_file)
    if text is None:
        raise InvalidInput("The proposal text is empty; give --body or --body-file.")
    proposal = governance().create_draft(default_community(community), operator(author), title, text)
    console.print(proposal_panel(proposal))


@proposal_app.command("revise")
def revise(
    proposal_id: int = typer.Argument(..., help="The proposal number."),
    title: str = typer.Option(None, "--title", help="A new title (keeps the old one if omitted)."),
    body: str = typer.Option(None, "--body", help="The new text."),
    body_file: Path = typer.Option(None, "--body-file", help="Read the new text from a file."),
) -> None:
    """Add a revision to a draft."""
    text = read_body(body, body_file)
    if title is None and text is None:
        raise InvalidInput("Nothing to revise; give --title, --body or --body-file.")
    console.print(proposal_panel(governance().revise(proposal_id, operator(), title, text)))


@proposal_app.command("publish")
def publish(
    proposal_id: int = typer.Argument(..., help="The proposal number."),
    period: str = typer.Option(None, "--period", help="Voting period (the community's by default)."),
    eligible: int = typer.Option(None, "--eligible", help="Eligible members (for a share quorum)."),
) -> None:
    """Open voting on a draft."""
    duration = parse_duration(period) if period is not None else None
    console.print(proposal_panel(governance().publish(proposal_id, operator(), duration, eligible)))


@proposal_app.command("withdraw")
def withdraw(proposal_id: int = typer.Argument(..., help="The proposal number.")) -> None:
    """Withdraw a draft or an open proposal."""
    console.print(proposal_panel(governance().withdraw(proposal_id, operator())))


@proposal_app.command("list")
def list_proposals(
    community: int = typer.Option(None, "--community", help="Only this community."),
    state: ProposalState = typer.Option(None, "--state", help="Only proposals in this state."),
    limit: int = typer.Option(25, "--limit", min=1, max=500, help="At most this many, newest first."),
    as_json: bool = AS_JSON,
) -> None:
    """List proposals, newest first."""
    states = (state,) if state else ()
    proposals = governance().list(community, states, limit)
    if as_json:
        dump([proposal_json(p) for p in proposals])
        return
    console.print(proposals_table(proposals))


@proposal_app.command("show")
def show(proposal_id: int = typer.Argument(..., help="The proposal number."), as_json: bool = AS_JSON,
         revision: int = typer.Option(None, "--revision", min=1,
                                      help="Print only this revision's exact hashed text (no final newline).")
         ) -> None:
    """Show a proposal's current text, state and revisions (with full hashes)."""
    gov = governance()
    if revision is not None:
        _print_revision(gov.show(proposal_id), revision)
        return
    proposal, view = gov.show(proposal_id), gov.tally(proposal_id)
    if as_json:
        dump(proposal_detail_json(proposal, view))
        return
    console.print(proposal_panel(proposal, view, full=True))


def _print_revision(proposal, number: int) -> None:
    """The canonical document the revision's content hash covers, byte for byte: keccak-256 of this
    output is the hash (tabs and spacing kept, nothing rendered)."""
    from governance.domain.text import canonical_document

    chosen = [r for r in proposal.revisions if r.number == number]
    if not chosen:
        raise InvalidInput(f"Proposal #{proposal.id} has no revision {number} (it has {len(proposal.revisions)}).")
    sys.stdout.write(canonical_document(chosen[0].title, chosen[0].body))
    sys.stdout.flush()

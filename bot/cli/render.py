"""Rich renderings for the terminal. User text is always wrapped in Text: never parsed as markup."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from governance.ai.results import AiResult
from governance.domain import Community, Proposal, ProposalState
from governance.domain.tally import BPS
from governance.services.queries import TallyView
from governance.services.verification import Check, VerifyReport

console = Console(highlight=False)

STATE_STYLE = {
    ProposalState.DRAFT: "yellow", ProposalState.ACTIVE: "cyan",
    ProposalState.CLOSED: "green", ProposalState.WITHDRAWN: "dim",
}


def when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def community_table(communities: list[Community]) -> Table:
    table = Table(title="Communities")
    for column in ("id", "name", "quorum", "threshold", "voting period"):
        table.add_column(column)
    for c in communities:
        table.add_row(str(c.id), Text(c.name), c.quorum.describe(),
                      f"{c.threshold_bps / 100:g}% of For+Against", str(c.voting_period))
    return table


def state_text(proposal: Proposal) -> Text:
    label = proposal.state.value
    if proposal.outcome:
        label += f" · {proposal.outcome.label}"
    return Text(label, style=STATE_STYLE[proposal.state])


def proposals_table(proposals: list[Proposal]) -> Table:
    table = Table(title="Proposals")
    for column in ("#", "title", "state", "revisions", "deadline"):
        table.add_column(column)
    for p in proposals:
        table.add_row(str(p.id), Text(p.title), state_text(p), str(len(p.revisions)), when(p.deadline))
    if not proposals:
        table.caption = "No proposals yet."
    return table


def proposal_panel(proposal: Proposal, view: TallyView | None = None, full: bool = False) -> Panel:
    latest = proposal.latest
    facts = Table.grid(padding=(0, 2))
    facts.add_row("state", state_text(proposal))
    facts.add_row("author", Text(proposal.author))
    facts.add_row("revision", f"{latest.number} · {latest.content_hash}")
    if proposal.deadline:
        facts.add_row("deadline", when(proposal.deadline))
    parts: list = [facts]
    if full:
        parts.append(Text("\n" + latest.body))
        history = Table(title="Revisions", title_justify="left")
        for column in ("#", "when", "author", "content hash"):
            history.add_column(column)
        for r in proposal.revisions:
            history.add_row(str(r.number), when(r.created_at), Text(r.author), r.content_hash)
        parts.append(history)
    if view is not None and proposal.state is not ProposalState.DRAFT:
        parts.append(tally_table(view))
    return Panel(Group(*parts), title=Text(f"#{proposal.id} {proposal.title}"), title_align="left")


def tally_table(view: TallyView) -> Table:
    t = view.tally
    table = Table(title=f"Tally of #{view.proposal.id}", title_justify="left")
    for column in ("For", "Against", "Abstain", "voters", "quorum", "standing"):
        table.add_column(column, justify="right")
    quorum = f"{t.participants}/{view.quorum_required} " + ("✓" if view.quorum_reached else "✗")
    standing = view.standing.label + ("" if view.proposal.outcome else " (if it ended now)")
    table.add_row(str(t.for_votes), str(t.against_votes), str(t.abstain_votes), str(t.participants),
                  quorum, standing)
    table.caption = f"passes with more than {view.threshold_bps / BPS:.0%} For among For+Against"
    return table


CHECK_STYLE = {Check.PASS: "green", Check.FAIL: "bold red", Check.PENDING: "yellow"}


def verify_table(report: VerifyReport) -> Table:
    table = Table(title=f"Verify {report.subject}", title_justify="left")
    for column in ("check", "result", "detail"):
        table.add_column(column)
    for item in report.items:
        table.add_row(Text(item.name), Text(item.check.value.upper(), style=CHECK_STYLE[item.check]),
                      Text(item.detail))
    verdict = "all checks pass" if report.passed else "FAILED" if report.failed else "some records still pending"
    table.caption = f"ledger {report.location or '(not deployed)'} — {verdict}"
    return table


def provenance_line(result: AiResult) -> str:
    record = result.provenance
    made_by = "without a language model" if result.without_language_model else f"by {record.model_id}"
    return (f"AI output #{result.provenance_id} · made {made_by} ({record.backend}, {record.template_name} "
            f"v{record.template_version}) · record {record.record_hash[:18]}…" + (" · cached" if result.cached else ""))


def ai_panel(title: str, result: AiResult) -> Panel:
    parts: list = [Text(result.text)]
    for flag in result.flags:
        parts.append(Text(f"⚠ {flag.kind.replace('_', ' ')}: {flag.text}", style="yellow"))
    for note in result.notes:
        parts.append(Text(note, style="dim"))
    parts.append(Text(provenance_line(result), style="dim"))
    return Panel(Group(*parts), title=Text(title), title_align="left")

"""Rich renderings for the terminal. User text is always wrapped in Text: never parsed as markup."""

from __future__ import annotations

import os
import sys

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from governance.ai.results import AiResult
from governance.domain import Community, Proposal, ProposalState
from governance.domain.durations import duration_words
from governance.domain.wording import bps_percent, plural
from governance.ports import RelayReport
from governance.services.queries import TallyView
from governance.services.verification import Check, VerifyReport

PIPED_WIDTH = 1_000  # piped into a file or another program: one row per line, never cut or wrapped at 80


def _width() -> int | None:
    return None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPED_WIDTH


console = Console(highlight=False, width=_width())

STATE_STYLE = {
    ProposalState.DRAFT: "yellow", ProposalState.ACTIVE: "cyan",
    ProposalState.CLOSED: "green", ProposalState.WITHDRAWN: "dim",
}


def when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def community_table(communities: list[Community]) -> Table:
    table = Table(title="Communities")
    for column in ("id", "name", "quorum", "threshold", "voting period", "voters", "proposers", "digest"):
        table.add_column(column)
    for c in communities:
        digest = (f"in {c.digest_channel_id}" if c.digest_channel_id else "no channel") + \
            f", cron {c.digest_cron} {c.timezone}"
        table.add_row(str(c.id), Text(c.name), c.quorum.describe(),
                      f"{bps_percent(c.threshold_bps)} of For+Against", duration_words(c.voting_period),
                      f"role {c.eligible_role_id}" if c.eligible_role_id else "everyone",
                      f"role {c.proposer_role_id}" if c.proposer_role_id else "voters", digest)
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
    facts.add_column()
    facts.add_column(overflow="fold")  # a hash is folded onto the next line, never cut with "…"
    facts.add_row("state", state_text(proposal))
    facts.add_row("author", Text(proposal.author))
    facts.add_row("revision", f"{latest.number} · {latest.content_hash}")
    if proposal.deadline:
        facts.add_row("deadline", when(proposal.deadline))
    parts: list = [facts]
    if full:
        parts.append(Text("\n" + latest.body))
        history = Table(title="Revisions", title_justify="left")
        for column in ("#", "when", "author"):
            history.add_column(column)
        history.add_column("content hash", overflow="fold")
        for r in proposal.revisions:
            history.add_row(str(r.number), when(r.created_at), Text(r.author), r.content_hash)
        parts.append(history)
    if view is not None and proposal.state is not ProposalState.DRAFT:
        parts.append(tally_table(view))
    return Panel(Group(*parts), title=Text(f"#{proposal.id} {proposal.title}"), title_align="left",
                 expand=console.is_terminal)


def tally_table(view: TallyView) -> Table:
    t = view.tally
    table = Table(title=f"Tally of #{view.proposal.id}", title_justify="left")
    for column in ("For", "Against", "Abstain", "voters", "quorum", "standing"):
        table.add_column(column, justify="right")
    quorum = f"{t.participants}/{view.quorum_required} " + ("✓" if view.quorum_reached else "✗")
    standing = view.standing.label + ("" if view.proposal.outcome else " (if it ended now)")
    table.add_row(str(t.for_votes), str(t.against_votes), str(t.abstain_votes), str(t.participants),
                  quorum, standing)
    table.caption = f"passes with more than {bps_percent(view.threshold_bps)} For among For+Against"
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
    record = "Governor" if report.subject.startswith("Governor") else "ledger"
    table.caption = f"{record} {report.location or '(not deployed)'} — {verdict}"
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
    return Panel(Group(*parts), title=Text(title), title_align="left", expand=console.is_terminal)


def relay_lines(stats: RelayReport, ballots: int) -> list[str]:
    """What a relay pass did, in sentences; nothing is said about what did not happen."""
    lines = [f"Deployed the ledger of community {d.community_id} at {d.address} (chain {d.chain_id}, "
             f"block {d.deployed_block})." for d in stats.deployed]
    lines += [f"{what[0].upper()}{what[1:]}." for what in stats.dropped]
    done = [f"sent {plural(stats.sent, 'transaction')}" if stats.sent else "",
            f"confirmed {plural(stats.confirmed, 'record')}" if stats.confirmed else "",
            f"found {plural(stats.reconciled, 'record')} already on-chain" if stats.reconciled else "",
            f"{plural(stats.failed, 'record')} failed (see `folkmoot chain status`)" if stats.failed else "",
            f"read {plural(ballots, 'signed ballot')}" if ballots else ""]
    done = [part for part in done if part]
    if done:
        lines.append(f"Relayed: {', '.join(done)}.")
    if stats.blocked:
        lines.append(f"Waiting: {stats.blocked}.")
    return lines

"""Terminal renderings of a followed Governor's proposals. User and chain text is always Text (never markup)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from governance.domain.governor import DecodedCall, Finding, Severity
from governance.domain.governor.calls import ETH

SEVERITY_STYLE = {Severity.DANGER: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def calls_table(calls: list[DecodedCall]) -> Table:
    table = Table(title="Calls", title_justify="left")
    for column in ("#", "target", "ETH", "function", "arguments"):
        table.add_column(column)
    for call in calls:
        for depth, row in _rows(call, 0):
            table.add_row(*row) if depth == 0 else table.add_row("", *row[1:])
    if not calls:
        table.caption = "No calls: the proposal executes nothing."
    return table


def _rows(call: DecodedCall, depth: int):
    indent = "  " * depth + ("↳ " if depth else "")
    target = call.target + (f"\n{call.target_label}" if call.target_label else "")
    function = call.name or (f"unknown {call.selector}" if call.selector else "(plain ETH transfer)")
    if call.delegatecall:
        function += " (delegatecall)"
    if call.error:
        function += f"\n⚠ {call.error}"
    args = "\n".join(f"{a.name} = {a.shown or _short(a.value)}" for a in call.args)
    if call.function is None and call.selector:
        args = _short(call.calldata)
    value = ETH.describe(call.value) if call.value else ""
    yield depth, (str(call.index + 1), Text(indent + target), value, Text(indent + function), Text(args))
    for inner in call.inner[:20]:
        yield from _rows(inner, depth + 1)
    if len(call.inner) > 20:
        yield depth + 1, ("", Text(f"{indent}  … {len(call.inner) - 20} more inner calls"), "", Text(""), Text(""))


def _short(value: object, limit: int = 90) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def findings_group(findings: list[Finding]) -> Group:
    if not findings:
        return Group(Text("No findings: every amount and recipient the calls move is stated in the description.",
                          style="green"))
    lines = [Text(f"Findings ({len(findings)})", style="bold")]
    for f in findings:
        lines.append(Text(f"{f.severity.value.upper():8} {f.message}", style=SEVERITY_STYLE[f.severity]))
    return Group(*lines)


def when(moment, estimated: bool = False) -> str:
    return ("≈ " if estimated else "") + moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def info_table(info) -> Table:
    table = Table.grid(padding=(0, 2))
    rows = [
        ("Governor", f"{info.name} · {info.address} on chain {info.chain_id}"),
        ("kind", info.kind),
        ("token", f"{info.token.symbol} ({info.token.decimals} decimals) · {info.token.address}"),
        ("clock", "block numbers" if info.clock == "blocknumber" else "timestamps (seconds)"),
        ("voting delay / period", f"{info.voting_delay} / {info.voting_period} "
                                  f"{'blocks' if info.clock == 'blocknumber' else 'seconds'}"),
        ("proposal threshold", info.token.describe(info.proposal_threshold)),
        ("counting", info.counting_mode),
        ("timelock", f"{info.timelock} (delay {info.timelock_delay} s)" if info.timelock else "none"),
        ("indexed", f"from block {info.start_block} to {info.indexed_to}" if info.indexed_to >= info.start_block
                    else f"from block {info.start_block} (nothing read yet)"),
    ]
    for name, value in rows:
        table.add_row(name, Text(value))
    return table


def proposals_table(proposals) -> Table:
    table = Table(title="Governor proposals", title_justify="left")
    for column in ("#", "id", "title", "state", "voting ends", "findings"):
        table.add_column(column)
    for p in proposals:
        danger = sum(f.severity is Severity.DANGER for f in p.findings)
        table.add_row(str(p.number), _short(p.proposal_id, 14), Text(_short(p.title, 60)), p.state,
                      when(p.window.ends_at, p.window.estimated),
                      f"{len(p.findings)}" + (f" ({danger} danger)" if danger else ""))
    if not proposals:
        table.caption = "No proposals indexed yet (run `folkmoot governor sync`)."
    return table


def tally_table(tally) -> Table:
    table = Table(title="Tally (token-weighted)", title_justify="left")
    for column in ("For", "Against", "Abstain", "voters", "quorum", "turnout"):
        table.add_column(column, justify="right")
    quorum = "not final yet" if tally.quorum is None else (
        f"{tally.shown(tally.toward_quorum)} of {tally.shown(tally.quorum)} " + ("✓" if tally.quorum_reached else "✗"))
    turnout = "—" if tally.turnout is None else f"{tally.turnout:.2%}"
    table.add_row(tally.shown(tally.for_votes), tally.shown(tally.against_votes), tally.shown(tally.abstain_votes),
                  str(tally.voters), quorum, turnout)
    return table


def proposal_group(p, tally=None) -> Group:
    facts = Table.grid(padding=(0, 2))
    w = p.window
    facts.add_row("number", f"#{p.number}")
    facts.add_row("id", p.proposal_id)
    facts.add_row("state", p.state + ("" if p.id_matches else "  ⚠ id is not hashProposal"))
    facts.add_row("proposer", p.proposer)
    blocks = f" (blocks {w.blocks[0]}–{w.blocks[1]})" if w.blocks else ""
    facts.add_row("voting", f"{when(w.starts_at, w.starts_estimated)} → {when(w.ends_at, w.estimated)}{blocks}")
    if p.eta:
        facts.add_row("executable from", when(p.eta))
    if p.next_call:
        facts.add_row("next step", f"{p.next_call.function} on {p.next_call.contract}")
    parts = [Text(p.title, style="bold"), facts]
    if tally is not None:
        parts.append(tally_table(tally))
    parts.append(calls_table_from_dicts(p.calls))
    parts.append(findings_group(p.findings))
    return Group(*parts)


def calls_table_from_dicts(calls: list[dict]) -> Table:
    table = Table(title="Calls", title_justify="left")
    for column in ("#", "target", "ETH", "function", "arguments"):
        table.add_column(column)
    for c in calls:
        args = "\n".join(f"{a['name']} = {a.get('shown') or _short(a['value'])}" for a in c["args"])
        value = ETH.describe(int(c["value"])) if int(c["value"]) else ""
        function = c["function"] or (f"unknown {c['selector']}" if c["selector"] else "(plain ETH transfer)")
        target = c["target"] + (f"\n{c['target_label']}" if c["target_label"] else "")
        table.add_row(str(c["index"] + 1), Text(target), value, Text(function), Text(args))
    return table


def actions_table(actions) -> Table:
    table = Table(title="Execution watchdog", title_justify="left")
    for column in ("proposal", "action", "due", "call"):
        table.add_column(column)
    for a in actions:
        call = f"{a.call.function} on {a.call.contract}\ncalldata {_short(a.call.calldata, 74)}" if a.call else "—"
        table.add_row(Text(_short(a.title, 50)), a.action, when(a.due_at), Text(call + f"\n{a.note}"))
    if not actions:
        table.caption = "Nothing to queue or execute."
    return table

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

"""A proposal's decoded calls as lines of text: what a summary's "Calls" section lists, what the
model reads beside the description, and what the CLI and Discord show (decoded by folkmoot from
the calldata, so facts of the proposal, not AI output).

    1. USDC token 0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48: approve(spender 0x1BA8…, amount 500,000 USDC)

Calls come as `calls.call_as_dict` made them (JSON-ready); inner calls (a Safe transaction, a
Timelock batch) are indented under theirs.
"""

from __future__ import annotations

from collections.abc import Iterator

from governance.domain.governor.calls import format_units, in_units

ETH_DECIMALS = 18
LONGEST_ARGUMENT = 120  # characters of one argument's value (a long bytes blob is cut)


def call_lines(calls: list[dict], short_addresses: bool = False) -> list[str]:
    """One line per call, numbered from 1; inner calls follow theirs, indented."""
    return [line for call in calls for line in _lines(call, str(call["index"] + 1), 0, short_addresses)]


def calls_text(calls: list[dict], short_addresses: bool = False) -> str:
    if not calls:
        return "No calls: the proposal executes nothing on-chain (a signalling vote)."
    return "\n".join(call_lines(calls, short_addresses))


def _lines(call: dict, number: str, depth: int, short: bool) -> Iterator[str]:
    yield "  " * depth + f"{number}. {call_line(call, short)}"
    for position, inner in enumerate(call.get("inner") or [], 1):
        yield from _lines(inner, f"{number}.{position}", depth + 1, short)


def call_line(call: dict, short_addresses: bool = False) -> str:
    """"USDC token 0xa0b8…: transfer(to 0x…, amount 1,000 USDC), with 0.5 ETH"."""
    where = address(call["target"], short_addresses)
    target = f"{call['target_label']} {where}" if call.get("target_label") else where
    if call.get("function"):
        name = call["function"].split("(", 1)[0]
        args = ", ".join(f"{a['name'] or a['type']} {argument(a, short_addresses)}" for a in call.get("args") or [])
        what = f"{name}({args})"
    elif call.get("selector"):
        what = f"unknown function {call['selector']} (not decoded)"
    else:
        what = "no function (empty calldata)"
    value = int(call.get("value") or 0)
    sent = f", with {_eth(value)} ETH" if value else ""
    broken = f" — does not decode: {call['error']}" if call.get("error") else ""
    return f"{target}: {what}{sent}{broken}"


def argument(arg: dict, short_addresses: bool = False) -> str:
    if arg.get("shown"):
        return arg["shown"]
    value = arg.get("value")
    if isinstance(value, str) and value.startswith("0x") and len(value) == 42:
        return address(value, short_addresses)
    text = str(value) if not isinstance(value, (list, dict)) else _compact(value)
    return text if len(text) <= LONGEST_ARGUMENT else text[:LONGEST_ARGUMENT - 1] + "…"


def address(value: str, short: bool = False) -> str:
    return f"{value[:6]}…{value[-4:]}" if short and len(value) == 42 else value


def _compact(value: list | dict) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k} {v}" for k, v in value.items()) + ")"
    return "[" + ", ".join(str(v) for v in value) + "]"


def _eth(wei: int) -> str:
    return format_units(in_units(wei, ETH_DECIMALS))

"""A Governor proposal's decoded calls as facts of its source: what they move (amounts in token
units, to whom, and who gains ownership or a role). A summary is checked against these as it is against
the description: every amount a call moves must appear in the fact list (added back, marked, if
the answer left it out), and stating one is not flagged as invented."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from governance.ai.amounts import ADDRESS, AMOUNT, SourceFact


def facts_of_calls(calls: Sequence[dict]) -> list[SourceFact]:
    """`calls` as governance.domain.governor.calls.call_as_dict made them (inner calls included)."""
    facts: list[SourceFact] = []
    for call in _every(calls):
        where = f"call {call['path']}"
        for movement in call.get("movements") or []:
            amount = _amount(movement)
            if amount is not None:
                facts.append(amount)
            facts.append(SourceFact(ADDRESS, movement["to"], movement["to"].lower(), context=f"receives, {where}"))
    return _unique(facts)


def _every(calls: Sequence[dict], prefix: str = "") -> Iterator[dict]:
    for call in calls:
        path = f"{prefix}{call['index'] + 1}"
        yield {**call, "path": path}
        yield from _every(call.get("inner") or [], f"{path}.")


def _amount(movement: dict) -> SourceFact | None:
    """"400,000 USDCx" → an amount fact of 400000 USDCx to its recipient."""
    shown, token = movement.get("shown"), movement.get("token")
    if not shown or not token or not shown.endswith(f" {token}"):
        return None  # a party (owner, role), or "unlimited"
    number = shown[: -len(token) - 1].replace(",", "")
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    if value <= 0:
        return None
    key = format(value.normalize(), "f")
    return SourceFact(AMOUNT, shown, key, token, movement["to"], "")


def _unique(facts: list[SourceFact]) -> list[SourceFact]:
    seen: set[tuple] = set()
    kept = []
    for fact in facts:
        identity = (fact.kind, fact.key, fact.unit, fact.recipient.lower())
        if identity not in seen:
            seen.add(identity)
            kept.append(fact)
    return kept

"""How faithful a summary is to its source, in the terms amounts.py defines.

- kept: of the source's amounts, addresses, ENS names and named recipients, how many the
  summary states (an amount with its value and unit).
- invented, unflagged: amounts (with a unit), addresses and names in the summary that the
  source does not state and that carry no flag; a look-alike address without its flag.
- false flags: flags of doubt on facts the source does state.

The benchmark (benchmarks/faithfulness.py) and the corpus tests both count with this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from governance.ai.amounts import ADDRESS, AMOUNT, ENS, Shown, build_ledger
from governance.ai.confusables import LOOKALIKE, LOOKALIKE_IN_SOURCE
from governance.ai.grounding import NOT_IN_SOURCE, Flag, SourceFacts
from governance.ai.invisible import normalise_for_display
from governance.domain.facts import extract_facts
from governance.domain.lookalikes import find_lookalike_addresses

DOUBTS = ("ungrounded_number", "ungrounded_address", "ungrounded_ens", "lookalike_address")
_MARKERS = (NOT_IN_SOURCE, LOOKALIKE, LOOKALIKE_IN_SOURCE)


@dataclass(frozen=True)
class Score:
    facts: int  # amounts, addresses, names and recipients the source states
    kept: int
    missing: tuple[str, ...]
    shown: int  # facts the summary states
    invented_unflagged: tuple[str, ...]
    false_flags: tuple[str, ...]

    @property
    def kept_share(self) -> float:
        return self.kept / self.facts if self.facts else 1.0


def score(source: str, summary: str, flags: Iterable[Flag]) -> Score:
    ledger = build_ledger(source)
    shown = Shown(summary)
    truth = [(f.kind, f.text, shown.has_amount(f) if f.kind == AMOUNT else shown.has(f)) for f in ledger]
    truth += [("recipient", name, shown.has_recipient(name)) for name in ledger.recipients]
    missing = tuple(text for _, text, present in truth if not present)
    invented, count = _invented_unflagged(source, summary)
    return Score(
        facts=len(truth),
        kept=len(truth) - len(missing),
        missing=missing,
        shown=count,
        invented_unflagged=invented,
        false_flags=tuple(_false_flags(source, flags)),
    )


def _invented_unflagged(source: str, summary: str) -> tuple[tuple[str, ...], int]:
    supported = SourceFacts(source)
    text = normalise_for_display(summary)
    invented, count = [], 0
    for fact in extract_facts(text):
        if fact.kind == "number" and not fact.unit or fact.kind not in ("number", "address", "ens"):
            continue
        count += 1
        if not supported.supports(fact) and not _marked(text, fact.end):
            invented.append(fact.text)
    for found in find_lookalike_addresses(text):
        count += 1
        if not _marked(text, found.end):
            invented.append(found.text)
    return tuple(invented), count


def _marked(text: str, end: int) -> bool:
    return any(text[end:].lstrip().startswith(marker) for marker in _MARKERS)


def _false_flags(source: str, flags: Iterable[Flag]) -> list[str]:
    """Doubts raised on facts the source states: its ledger has them, or (for numbers
    without a money unit) the source has the same value."""
    ledger = build_ledger(source)
    keys = {(f.kind, f.key) for f in ledger}
    amounts = {(f.key, f.unit) for f in ledger if f.kind == AMOUNT}
    false = []
    for flag in flags:
        if flag.kind not in DOUBTS:
            continue
        if flag.kind == "lookalike_address":
            continue  # a look-alike is deceptive even when the source has it: a true flag
        facts = extract_facts(normalise_for_display(flag.text))
        fact = facts[0] if facts else None
        if fact is None:
            continue
        if fact.kind == "address" and (ADDRESS, fact.key) in keys or fact.kind == "ens" and (ENS, fact.key) in keys:
            false.append(flag.text)
        elif fact.kind == "number" and (fact.key, fact.unit) in amounts:
            false.append(flag.text)
    return false

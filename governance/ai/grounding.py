"""Flag facts in generated text that the source does not contain.

A model may invent an amount, an address or a link; we cannot prove it wrong,
but we can refuse to show it as fact: it stays, marked "⚠ not in source".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from governance.ai.flags import Flag
from governance.ai.invisible import normalise_for_display
from governance.domain.facts import USD_LIKE, Fact, extract_facts
from governance.domain.lookalikes import find_lookalike_addresses

if TYPE_CHECKING:
    from governance.ai.amounts import Ledger, SourceFact
    from governance.ai.injection import PlantedText

NOT_IN_SOURCE = "(⚠ not in source)"


class SourceFacts:
    """The facts of a source text, indexed for lookup, and what validation needs to know of
    the source besides: its ledger of amounts and recipients, and any text in it addressed
    to an AI. `extra` adds facts known from elsewhere (e.g. transfers decoded from the
    proposal's calls: amounts in the calls are facts of the source)."""

    def __init__(self, source: str, extra: Sequence[SourceFact] = ()):
        self.text = source
        self.extra = tuple(extra)
        self._keys: set[tuple[str, str]] = set()
        self._units: dict[str, set[str | None]] = defaultdict(set)
        for fact in extract_facts(normalise_for_display(source)):
            self._add(fact)
            if fact.kind == "link":  # an address or name in a link's target is stated too
                for inner in extract_facts(re.sub(r"[/?#=&:]", " ", fact.text)):
                    self._add(inner)
        for known in self.extra:
            self._keys.add((known.kind if known.kind != "amount" else "number", known.key))
            if known.kind == "amount":
                self._units[known.key].add(known.unit)

    def _add(self, fact: Fact) -> None:
        self._keys.add((fact.kind, fact.key))
        if fact.kind == "number":
            self._units[fact.key].add(fact.unit)

    # Built on first use (imported late: those modules build on this one).
    @cached_property
    def ledger(self) -> Ledger:
        from governance.ai.amounts import build_ledger

        return build_ledger(self.text, self.extra)

    @cached_property
    def planted(self) -> PlantedText:
        from governance.ai.injection import PlantedText

        return PlantedText(self.text)

    @cached_property
    def lookalikes(self) -> frozenset[str]:
        """Look-alike addresses the source itself contains, as written."""
        return frozenset(found.text for found in find_lookalike_addresses(normalise_for_display(self.text)))

    def supports(self, fact: Fact) -> bool:
        if fact.kind != "number":
            return (fact.kind, fact.key) in self._keys
        units = self._units.get(fact.key)
        if not units:
            return False
        # 500 ETH is not supported by a source that only says 500 USDC; $500 is, by 500 USDC.
        if fact.unit is None or _same_money(fact.unit, units):
            return True
        # A bare number supports any unit, unless the source says elsewhere what it counts
        # (a table cell "100,000" under "ENS" is 100,000 ENS, not 100,000 ETH).
        return None in units and not self._stated_in_other_units(fact)

    def _stated_in_other_units(self, fact: Fact) -> bool:
        known = {f.unit for f in self.ledger if f.kind == "amount" and f.key == fact.key}
        return bool(known) and not _same_money(fact.unit, known)


def _same_money(unit: str | None, units: set[str | None]) -> bool:
    return (
        unit in units
        or (unit == "USD" and bool(units & USD_LIKE))
        or (unit in USD_LIKE and "USD" in units)
    )


def flag_ungrounded(text: str, source: SourceFacts, section: str = "") -> tuple[str, list[Flag]]:
    """The text with NOT_IN_SOURCE after each unsupported fact, and the flags raised."""
    pieces: list[str] = []
    flags: list[Flag] = []
    position = 0
    for fact in extract_facts(text):
        if source.supports(fact):
            continue
        pieces += [text[position : fact.end], " ", NOT_IN_SOURCE]
        position = fact.end
        flags.append(Flag(f"ungrounded_{fact.kind}", fact.text, section))
    pieces.append(text[position:])
    return "".join(pieces), flags

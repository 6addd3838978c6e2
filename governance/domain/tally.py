"""Counting rules: tally, quorum, threshold, outcome. Pure functions, no I/O.

Quorum counts every participant (For + Against + Abstain); the threshold is a
share of For among For + Against only, so abstaining helps reach quorum but
never decides the result. The same rules run on-chain in the ledger contract.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass

from governance.domain.votes import Support
from governance.errors import InvalidInput

BPS = 10_000  # basis points: 5000 = 50 %
MAX_QUORUM_COUNT = 1_000_000  # more voters than any Discord server could field
SIMPLE_MAJORITY_BPS = 5_000


class Outcome(str, enum.Enum):
    PASSED = "passed"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"

    @property
    def label(self) -> str:
        return {"passed": "Passed", "rejected": "Rejected", "no_quorum": "No quorum"}[self.value]


class QuorumKind(str, enum.Enum):
    COUNT = "count"  # an absolute number of voters
    SHARE = "share"  # basis points of the eligible members


@dataclass(frozen=True)
class QuorumRule:
    kind: QuorumKind
    value: int

    def __post_init__(self) -> None:
        limit = BPS if self.kind is QuorumKind.SHARE else MAX_QUORUM_COUNT
        if not 0 <= self.value <= limit:
            raise InvalidInput(f"Quorum {self.describe()} is out of range.")

    def required(self, eligible_count: int | None) -> int:
        """The number of participating voters needed, fixed when voting opens."""
        if self.kind is QuorumKind.COUNT:
            return self.value
        if eligible_count is None:
            raise InvalidInput("A share quorum needs the number of eligible members.")
        return math.ceil(self.value * eligible_count / BPS)

    def describe(self) -> str:
        if self.kind is QuorumKind.COUNT:
            return f"{self.value} voters"
        return f"{self.value / 100:g}% of eligible members"

    @classmethod
    def parse(cls, text: str) -> QuorumRule:
        """'25' → 25 voters; '20%' → 20 % of eligible members."""
        raw = text.strip()
        try:
            if raw.endswith("%"):
                return cls(QuorumKind.SHARE, round(float(raw[:-1]) * 100))
            return cls(QuorumKind.COUNT, int(raw))
        except (ValueError, OverflowError):
            raise InvalidInput(
                f"'{raw[:20]}' is not a quorum; use a count like 25 or a share like 20%."
            ) from None


def validate_threshold(threshold_bps: int) -> int:
    if not 0 <= threshold_bps < BPS:
        raise InvalidInput("The pass threshold must be at least 0% and below 100%.")
    return threshold_bps


@dataclass(frozen=True)
class Tally:
    for_votes: int = 0
    against_votes: int = 0
    abstain_votes: int = 0

    @property
    def participants(self) -> int:
        return self.for_votes + self.against_votes + self.abstain_votes

    def count(self, support: Support) -> int:
        return (self.against_votes, self.for_votes, self.abstain_votes)[support]

    @classmethod
    def of(cls, supports: Iterable[Support]) -> Tally:
        counts = [0, 0, 0]
        for support in supports:
            counts[support] += 1
        return cls(for_votes=counts[1], against_votes=counts[0], abstain_votes=counts[2])

    @classmethod
    def from_counts(cls, counts: dict[Support, int]) -> Tally:
        return cls(
            for_votes=counts.get(Support.FOR, 0),
            against_votes=counts.get(Support.AGAINST, 0),
            abstain_votes=counts.get(Support.ABSTAIN, 0),
        )


def quorum_reached(tally: Tally, quorum_required: int) -> bool:
    return tally.participants >= quorum_required


def threshold_met(tally: Tally, threshold_bps: int) -> bool:
    """For must exceed the threshold share of For + Against (strictly)."""
    decided = tally.for_votes + tally.against_votes
    return decided > 0 and tally.for_votes * BPS > threshold_bps * decided


def decide_outcome(tally: Tally, quorum_required: int, threshold_bps: int) -> Outcome:
    if not quorum_reached(tally, quorum_required):
        return Outcome.NO_QUORUM
    return Outcome.PASSED if threshold_met(tally, threshold_bps) else Outcome.REJECTED

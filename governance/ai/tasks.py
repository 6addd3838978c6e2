"""Inputs of the AI tasks that are more than a string."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DigestItem:
    """One proposal's line in a digest."""

    proposal_id: int | str
    title: str
    state: str  # "open", "passed", "rejected", "no quorum", …
    votes_for: int = 0
    votes_against: int = 0
    votes_abstain: int = 0
    closes_at: str | None = None  # ISO date, for open proposals

    def as_line(self) -> str:
        """The canonical text of this item: what the model reads and what is hashed."""
        line = (
            f"#{self.proposal_id} | {self.title} | {self.state} | for {self.votes_for}"
            f" | against {self.votes_against} | abstain {self.votes_abstain}"
        )
        return f"{line} | closes {self.closes_at}" if self.closes_at else line


def digest_source(items: list[DigestItem] | tuple[DigestItem, ...]) -> str:
    return "\n".join(item.as_line() for item in items)


@dataclass(frozen=True)
class ExistingProposal:
    """A proposal a new idea is compared with."""

    proposal_id: int | str
    title: str
    text: str

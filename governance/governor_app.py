"""Following an existing Governor: the use cases the CLI, the bot's chain loop, digests and
reminders call. Built by `governance.bootstrap.build_governor_app`; the engine behind it is the
Governor adapter (`governance.adapters.governor.follower.GovernorFollower`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from governance.domain.governor.schedule import due_actions, ending_soon
from governance.domain.governor.views import (
    GovernorChange,
    GovernorInfo,
    GovernorProposal,
    PendingAction,
    TokenTally,
)
from governance.ports import Clock


class GovernorEngine(Protocol):
    """The Governor side of the voting-engine port (Folkmoot's own ledger is the other side)."""

    def attach(self, community_id: int, address: str, from_block: int | None = None,
               expect_chain_id: int | None = None) -> GovernorInfo: ...
    def sync(self, community_id: int | None = None, max_ranges: int | None = None) -> dict[int, Any]: ...
    def info(self, community_id: int) -> GovernorInfo: ...
    def proposals(self, community_id: int, limit: int = 25) -> list[GovernorProposal]: ...
    def proposal(self, community_id: int, proposal_id: str) -> GovernorProposal: ...
    def tally(self, community_id: int, proposal_id: str) -> TokenTally: ...
    def verify(self, community_id: int, proposal_id: str) -> tuple[bool, str]: ...
    def changes_since(self, community_id: int, since: datetime, big_vote_share: float = 0.1) -> list[GovernorChange]: ...


@dataclass
class GovernorApp:
    engine: GovernorEngine
    clock: Clock

    def attach(self, community_id: int, address: str, from_block: int | None = None,
               expect_chain_id: int | None = None) -> GovernorInfo:
        return self.engine.attach(community_id, address, from_block, expect_chain_id)

    def sync(self, community_id: int | None = None, max_ranges: int | None = None) -> dict[int, Any]:
        """Index new events; the bot's chain loop calls this with no community (all of them)."""
        return self.engine.sync(community_id, max_ranges)

    def info(self, community_id: int) -> GovernorInfo:
        return self.engine.info(community_id)

    def proposals(self, community_id: int, limit: int = 25) -> list[GovernorProposal]:
        return self.engine.proposals(community_id, limit)

    def proposal(self, community_id: int, proposal_id: str) -> GovernorProposal:
        return self.engine.proposal(community_id, proposal_id)

    def tally(self, community_id: int, proposal_id: str) -> TokenTally:
        return self.engine.tally(community_id, proposal_id)

    def verify(self, community_id: int, proposal_id: str) -> tuple[bool, str]:
        return self.engine.verify(community_id, proposal_id)

    def changes_since(self, community_id: int, since: datetime, big_vote_share: float = 0.1) -> list[GovernorChange]:
        """For digests: new proposals, big votes, quorum reached, queued, executed, canceled."""
        return self.engine.changes_since(community_id, since, big_vote_share)

    def ending_soon(self, community_id: int, within: timedelta, limit: int = 100) -> list[GovernorProposal]:
        """For reminders: active proposals whose voting ends within `within`."""
        return ending_soon(self.engine.proposals(community_id, limit), self.clock.now(), within)

    def watchdog(self, community_id: int, expiring_within: timedelta = timedelta(days=2),
                 limit: int = 100) -> list[PendingAction]:
        """Proposals to queue, to execute, or about to expire, each with the exact call."""
        return due_actions(self.engine.proposals(community_id, limit), self.clock.now(), expiring_within)

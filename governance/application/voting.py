"""Votes (one at a time, or many sharing a transaction while the bot runs) and closing."""

from __future__ import annotations

import asyncio

from governance.application.base import ApplicationBase
from governance.batching import VoteBatcher
from governance.domain import Actor, Support, VoteSource
from governance.errors import Conflict
from governance.services import closing, voting


class Voting(ApplicationBase):
    def vote(self, proposal_id: int, actor: Actor, support: Support, reason: str | None = None,
             source: VoteSource = VoteSource.DISCORD) -> voting.VoteReceipt:
        ballot = voting.Ballot(proposal_id, actor, support, reason, source)
        if self._batcher is not None:
            return self._batcher.cast(ballot)

        def attempt() -> voting.VoteReceipt:
            return voting.cast_vote(self.uow(), self.clock, ballot)
        for _ in range(2):
            try:
                return attempt()
            except Conflict:
                continue  # the same member's clicks raced to insert a first vote; retry sees the winner
        return attempt()

    async def vote_async(self, proposal_id: int, actor: Actor, support: Support, reason: str | None = None,
                         source: VoteSource = VoteSource.DISCORD) -> voting.VoteReceipt:
        """vote() for the event loop: joins the next group commit without holding a thread."""
        if self._batcher is None:
            return await asyncio.to_thread(self.vote, proposal_id, actor, support, reason, source)
        return await self._batcher.cast_async(voting.Ballot(proposal_id, actor, support, reason, source))

    def start_batching(self) -> None:
        """From now on, concurrent votes share transactions (the bot does this; see VoteBatcher)."""
        if self._batcher is None:
            self._batcher = VoteBatcher(lambda ballots: voting.cast_votes(self.uow(), self.clock, ballots))

    def close(self, proposal_id: int) -> closing.CloseResult:
        return closing.close(self.uow(), self.clock, proposal_id=proposal_id, ledger=self.chain)

    def close_due(self) -> list[closing.CloseResult]:
        return closing.close_due(self.uow(), self.clock, self.chain)

"""Closing votes at their deadline and announcing each result once.

`closing.close_due` tallies, decides and queues the chain record. Announcing is a separate pass
over proposals closed lately without an announced result, so a crash between the two, or a close
by someone else (the CLI), is still announced.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from functools import partial

from governance.domain.scheduled_runs import RESULT, RunKey, proposal_subject
from governance.scheduler.posting import Posting
from governance.services import closing, queries
from governance.services.closing import CloseResult

log = logging.getLogger(__name__)

ANNOUNCE_WITHIN = timedelta(days=1)  # closes older than this are history, not news


class ResultPosts(Posting):
    async def close_and_announce(self) -> int:
        closed = await asyncio.to_thread(closing.close_due, self.uow(), self.clock,
                                         getattr(self, "ledger", None))
        if closed:
            log.info("closed at their deadline: %s", [c.proposal_id for c in closed])
        unannounced = await asyncio.to_thread(self._closed_without_result)
        announced = 0
        for proposal_id in unannounced:
            proposal = await asyncio.to_thread(queries.show, self.read_uow(), proposal_id)
            key = RunKey(proposal.community_id, RESULT, proposal.deadline, proposal_subject(proposal_id))
            result = CloseResult(proposal_id, proposal.outcome, proposal.final_tally)
            announced += await self.claim_and_send(
                key, partial(self.publisher.post_result, proposal, result),
                f"announcing the result of proposal #{proposal_id}")
        return announced

    def _closed_without_result(self) -> list[int]:
        with self.read_uow() as uow:
            return uow.runs.closed_without_result(self.now() - ANNOUNCE_WITHIN)

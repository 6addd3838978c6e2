"""Closing votes at their deadline and announcing each result once.

`gov.close_due()` tallies, decides and queues the chain record. Announcing is a
separate pass over proposals closed lately without an announced result, so a
crash between the two, or a close by someone else (the CLI), is still announced.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from governance.scheduler.posting import claim_and_send
from governance.scheduler.runs import RESULT, RunKey, proposal_subject
from governance.services.closing import CloseResult

if TYPE_CHECKING:
    from governance.scheduler.runtime import SchedulerRuntime

log = logging.getLogger(__name__)

ANNOUNCE_WITHIN = timedelta(days=1)  # closes older than this are history, not news


async def close_and_announce(rt: SchedulerRuntime) -> int:
    closed = await asyncio.to_thread(rt.gov.close_due)
    if closed:
        log.info("closed at their deadline: %s", [c.proposal_id for c in closed])
    unannounced = await asyncio.to_thread(rt.runs.closed_without_result, rt.now() - ANNOUNCE_WITHIN)
    announced = 0
    for proposal_id in unannounced:
        proposal = await asyncio.to_thread(rt.gov.show, proposal_id)
        key = RunKey(proposal.community_id, RESULT, proposal.deadline,
                     proposal_subject(proposal_id))
        result = CloseResult(proposal_id, proposal.outcome, proposal.final_tally)
        announced += await claim_and_send(
            rt, key, partial(rt.publisher.post_result, proposal, result),
            f"announcing the result of proposal #{proposal_id}")
    return announced

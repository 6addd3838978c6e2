"""After a vote's receipt is shown, wait for its transaction and add the hash to the receipt.

The receipt is an ephemeral follow-up, editable through the interaction token for
15 minutes; the watcher gives up a little before that.
"""

from __future__ import annotations

import asyncio
import logging
import time

import discord

from bot.discord.replies import NO_MENTIONS
from governance.application import Governance

log = logging.getLogger("folkmoot.bot.receipts")
TOKEN_LIFETIME = 15 * 60
PROMISE = "\nIt is being written on-chain; the transaction will appear here."  # see flow.py


class ReceiptWatcher:
    def __init__(self, gov: Governance, poll_seconds: float = 5.0,
                 give_up_after: float = TOKEN_LIFETIME - 60):
        self.gov = gov
        self.poll_seconds = poll_seconds
        self.give_up_after = give_up_after
        self._tasks: set[asyncio.Task] = set()

    def watch(self, receipt: discord.WebhookMessage, text: str, proposal_id: int, voter: str,
              sequence: int) -> None:
        if not self.gov.chain_configured:
            return
        task = asyncio.create_task(self._wait_and_edit(receipt, text, proposal_id, voter, sequence),
                                   name=f"folkmoot-receipt-{proposal_id}-{voter}-{sequence}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _wait_and_edit(self, receipt: discord.WebhookMessage, text: str, proposal_id: int,
                             voter: str, sequence: int) -> None:
        deadline = time.monotonic() + self.give_up_after
        ending = f"\nNot confirmed on-chain yet; `/verify {proposal_id}` will show it once it is."
        try:
            while time.monotonic() < deadline:
                tx_hash = await asyncio.to_thread(self.gov.vote_transaction, proposal_id, voter, sequence)
                if tx_hash:
                    ending = f"\nRecorded on-chain in transaction `{tx_hash}`."
                    break
                await asyncio.sleep(self.poll_seconds)
        except Exception:
            log.exception("watching the on-chain receipt of %s on #%s failed", voter, proposal_id)
        try:  # the receipt no longer promises what this watcher will not deliver
            await receipt.edit(content=text.replace(PROMISE, "") + ending, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.info("receipt for %s on #%s could not be updated (token expired?)", voter, proposal_id)

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

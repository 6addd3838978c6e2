"""The indexer: reads ledger events in block ranges and brings what others submitted into the database.

Signed ballots (EIP-712, relayed by anyone) reach the chain without passing through us;
the indexer finds their `VoteCast` events and records them as the linked member's vote.
Its cursor is saved per ledger after each range, so a restart resumes where it stopped
(re-reading a range is harmless: recording a known ballot is a no-op).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.signed_ballots import unpack_counted
from governance.adapters.chain.store import ChainStore
from governance.domain import Support
from governance.services.chain_votes import record_signed_vote

log = logging.getLogger(__name__)
RANGE = 2_000  # blocks per eth_getLogs request; public RPC providers cap ranges about here


class Indexer:
    def __init__(self, engine, connection: ChainConnection, uow_factory, clock=None):
        self.clock = clock  # when a vote found crossed on the chain is queued again
        self.store = ChainStore(engine)
        self.connection = connection
        self.uow = uow_factory
        self.abi = load_artifact("FolkmootLedger").abi

    def poll(self) -> int:
        """Reads every ledger up to the latest block; returns how many ballots were recorded."""
        w3 = self.connection.w3
        latest = w3.eth.block_number
        recorded = 0
        block_times: dict[int, datetime] = {}  # ballots often share a block: one lookup each
        for deployment in self.store.deployments():
            contract = w3.eth.contract(address=deployment.address, abi=self.abi)
            start = (self.store.cursor(deployment.address) or deployment.deployed_block - 1) + 1
            while start <= latest:
                end = min(latest, start + RANGE - 1)
                for event in contract.events.VoteCast.get_logs(from_block=start, to_block=end):
                    recorded += self._record(deployment.community_id, event, block_times)
                for event in contract.events.SignedBallotsCast.get_logs(from_block=start, to_block=end):
                    recorded += self._record_batch(deployment.community_id, event, block_times)
                self.store.set_cursor(deployment.address, end)
                start = end + 1
        return recorded

    def _record(self, community_id: int, event, block_times: dict[int, datetime]) -> int:
        args = event["args"]
        voter = self.store.voter_by_index(community_id, args["voterIndex"])
        if voter is None:
            log.warning("signed ballot for unknown voter index %s in community %s", args["voterIndex"], community_id)
            return 0
        number = event["blockNumber"]
        if number not in block_times:
            block_times[number] = datetime.fromtimestamp(self.connection.w3.eth.get_block(number)["timestamp"], UTC)
        cast_at = block_times[number]
        receipt = record_signed_vote(self.uow(), proposal_id=int.from_bytes(args["proposalKey"], "big"),
                                     voter=voter.voter, support=Support(args["support"]), cast_at=cast_at,
                                     block=number, now=self.clock.now() if self.clock else datetime.now(UTC))
        return 1 if receipt else 0

    def _record_batch(self, community_id: int, event, block_times: dict[int, datetime]) -> int:
        """A `castVotesBySig` run's counted ballots (the wallet page's, relayed by us, or anyone's)."""
        recorded = 0
        for counted in unpack_counted(event["args"]["ballots"]):
            single = {"args": {"voterIndex": counted.voter_index, "support": counted.support,
                               "proposalKey": event["args"]["proposalKey"]},
                      "blockNumber": event["blockNumber"]}
            recorded += self._record(community_id, single, block_times)
        return recorded

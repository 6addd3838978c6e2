"""Indexing a Governor's events into the database: bounded block ranges, confirmations, reorgs.

Each range [start, end] is read (one eth_getLogs for all six events), its proposals decoded and
checked, and stored in one transaction with the cursor: a crash loses at most the range in
flight, which the next sync reads again. Only blocks `confirmations` deep are read. The hashes of
recent indexed blocks are kept; before each range the newest is compared with the chain, and on a
mismatch the index rolls back to the newest block still on the chain and reads forward again.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from web3 import Web3

from governance.adapters.chain.errors import ChainUnavailable
from governance.adapters.governor.decoder import CallDecoder
from governance.adapters.governor.events import TOPICS, GovernorEvent, decode_log
from governance.adapters.governor.proposal_ids import description_hash, hash_proposal
from governance.adapters.governor.store import GovernorStore, IndexedRange
from governance.adapters.governor.tokens import ChainTokens, chain_decoder
from governance.adapters.sql.governor_tables import (
    FollowedGovernorRow,
    GovernorEventRow,
    GovernorProposalRow,
    GovernorVoteRow,
)
from governance.domain.governor import Call, Finding, Severity, review_proposal
from governance.domain.governor.calls import call_as_dict
from governance.domain.governor.views import SyncResult
from governance.errors import InvalidInput

log = logging.getLogger(__name__)
RANGE = 2_000  # blocks per eth_getLogs; public RPC providers cap ranges about here


class GovernorIndexer:
    def __init__(self, store: GovernorStore, w3: Web3, confirmations: int = 1, range_size: int = RANGE):
        if range_size < 1:
            raise ValueError("range_size must be at least 1")
        self.store = store
        self.w3 = w3
        self.confirmations = confirmations
        self.range_size = range_size

    def sync(self, governor: FollowedGovernorRow, max_ranges: int | None = None) -> SyncResult:
        """Reads forward to the confirmed head (or `max_ranges` ranges). Raises ChainUnavailable
        (retry later) when the node is down, InvalidInput when it is the wrong chain."""
        self._same_chain(governor)
        head = self.w3.eth.block_number
        safe = head - self.confirmations
        result = SyncResult(head=head, cursor=governor.cursor_block)
        tokens = ChainTokens(self.w3, governor.chain_id)
        decoder = chain_decoder(self.w3, governor, tokens)
        while max_ranges is None or result.ranges < max_ranges:
            cursor = self._rewind_if_reorganised(governor, result)
            if cursor >= safe:
                break
            end = min(safe, cursor + self.range_size)
            batch = self._read_range(governor, cursor + 1, end, decoder)
            self.store.store_range(governor.id, batch)
            governor.cursor_block = end
            result.ranges += 1
            result.proposals += len(batch.proposals)
            result.votes += len(batch.votes)
            result.events += len(batch.events)
            result.cursor = end
        return result

    def _same_chain(self, governor: FollowedGovernorRow) -> None:
        chain_id = self.w3.eth.chain_id
        genesis = self.w3.eth.get_block(0)["hash"].to_0x_hex()
        if chain_id != governor.chain_id or genesis != governor.genesis_hash:
            serves = f"chain {chain_id}" if chain_id != governor.chain_id else "another chain with the same id"
            raise InvalidInput(f"The Governor {governor.address} was attached on chain {governor.chain_id}, but the "
                               f"configured node serves {serves}: point FOLKMOOT_CHAIN_RPC_URL at the Governor's chain.")

    def _rewind_if_reorganised(self, governor: FollowedGovernorRow, result: SyncResult) -> int:
        stored = self.store.recent_blocks(governor.id)
        if not stored:
            return governor.cursor_block
        for position, (number, stored_hash) in enumerate(stored):
            block = self.w3.eth.get_block(number)
            if block["hash"].to_0x_hex() == stored_hash:
                if position == 0:
                    return governor.cursor_block  # the newest block we read is still on the chain
                return self._roll_back(governor, number, result)
        log.warning("Governor %s: the chain changed deeper than the %d blocks kept; re-indexing from block %d",
                    governor.address, len(stored), governor.start_block)
        return self._roll_back(governor, governor.start_block - 1, result)

    def _roll_back(self, governor: FollowedGovernorRow, to_block: int, result: SyncResult) -> int:
        removed = self.store.roll_back(governor.id, to_block)
        log.warning("Governor %s: chain reorganisation after block %d; %d indexed rows forgotten and read again",
                    governor.address, to_block, removed)
        governor.cursor_block = to_block
        result.rolled_back += removed
        return to_block

    def _read_range(self, governor: FollowedGovernorRow, start: int, end: int, decoder: CallDecoder) -> IndexedRange:
        end_block = self.w3.eth.get_block(end)
        logs = self.w3.eth.get_logs({"address": Web3.to_checksum_address(governor.address), "fromBlock": start,
                                     "toBlock": end, "topics": [list(TOPICS)]})
        batch = IndexedRange(end=end, blocks={end: end_block["hash"].to_0x_hex()})
        times: dict[int, datetime] = {end: _time(end_block)}
        for raw in logs:
            event = decode_log(raw)
            if event is None:
                continue
            at = self._block_time(event, batch, times)
            row = dict(governor_id=governor.id, block_number=event.block_number, log_index=event.log_index,
                       tx_hash=event.tx_hash, proposal_id=str(event.args["proposal_id"]))
            if event.kind == "created":
                batch.proposals.append(self._proposal(governor, event, at, decoder))
                batch.events.append(GovernorEventRow(**row, kind="created", at=at))
            elif event.kind in ("vote", "vote_params"):
                a = event.args
                batch.votes.append(GovernorVoteRow(**row, voter=Web3.to_checksum_address(a["voter"]),
                                                   support=a["support"], weight=str(a["weight"]),
                                                   reason=a["reason"], params=a["params"], cast_at=at))
            else:
                batch.events.append(GovernorEventRow(**row, kind=event.kind, eta=event.args.get("eta"), at=at))
        return batch

    def _block_time(self, event: GovernorEvent, batch: IndexedRange, times: dict[int, datetime]) -> datetime:
        """The event's block time; its hash is checked against the block, so logs from a fork in
        the middle of a reorg are never stored."""
        if event.block_number not in batch.blocks:
            block = self.w3.eth.get_block(event.block_number)
            batch.blocks[event.block_number] = block["hash"].to_0x_hex()
            times[event.block_number] = _time(block)
        if batch.blocks[event.block_number] != event.block_hash:
            raise ChainUnavailable(f"the node is reorganising around block {event.block_number}; read again later")
        return times[event.block_number]

    def _proposal(self, governor: FollowedGovernorRow, event: GovernorEvent, at: datetime,
                  decoder: CallDecoder) -> GovernorProposalRow:
        a = event.args
        calls = [Call(Web3.to_checksum_address(t), v, d) for t, v, d in zip(a["targets"], a["values"], a["calldatas"])]
        raw = a["description"]
        text = raw.decode("utf-8", "replace")
        decoded = decoder.decode_all(calls)
        findings = review_proposal(decoded, text, frozenset({governor.token_symbol}))
        id_matches = hash_proposal(calls, raw) == a["proposal_id"]
        if not id_matches:
            findings.insert(0, Finding("id_mismatch", Severity.DANGER, "The Governor's id for this proposal is not "
                                       "hashProposal of its calls and description: what was indexed is not what "
                                       "will execute."))
        if text.encode("utf-8") != raw:
            findings.insert(0, Finding("description_not_utf8", Severity.DANGER, "The description is not valid UTF-8 "
                                       "text: what readers see is not exactly what was submitted."))
        return GovernorProposalRow(
            governor_id=governor.id, proposal_id=str(a["proposal_id"]), proposer=Web3.to_checksum_address(a["proposer"]),
            targets=[c.target for c in calls], values=[str(c.value) for c in calls],
            calldatas=["0x" + c.calldata.hex() for c in calls], signatures=a["signatures"], description=raw,
            description_hash="0x" + description_hash(raw).hex(), id_matches=id_matches, vote_start=a["vote_start"],
            vote_end=a["vote_end"], decoded_calls=[call_as_dict(c) for c in decoded],
            findings=[f.as_dict() for f in findings], block_number=event.block_number, log_index=event.log_index,
            tx_hash=event.tx_hash, created_at=at)


def _time(block) -> datetime:
    return datetime.fromtimestamp(block["timestamp"], UTC)

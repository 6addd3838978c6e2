"""A ledger that holds exactly what the outbox sent: a perfect relayer and chain in memory.

`relay(database)` confirms every pending outbox record, as the relayer would once its
transaction is mined; `PerfectLedger` then answers the LedgerReader questions from the confirmed
records, the way FolkmootLedger would (the last vote of each voter counts; closing records the
outcome). Tests of verify change the database behind the bot's back and watch verify notice.
"""

from __future__ import annotations

import dataclasses

from governance.ai.merkle import verify_proof
from governance.domain import Support, Tally
from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus
from governance.ports import OnChainProposal
from tests.fakes.unit_of_work import InMemoryDatabase


def relay(database: InMemoryDatabase) -> int:
    """Confirms every record not confirmed yet; returns how many."""
    with database.lock:
        pending = [r for r in database.state.outbox.values() if r.status is not RecordStatus.CONFIRMED]
        for record in pending:
            database.state.outbox[record.key] = dataclasses.replace(
                record, status=RecordStatus.CONFIRMED, tx_hash=f"0x{record.id:064x}")
    return len(pending)


class PerfectLedger:
    def __init__(self, database: InMemoryDatabase):
        self.database = database

    def _relayed(self, community_id: int, kind: RecordKind, **payload) -> list[OutboxRecord]:
        return [r for r in self.database.state.outbox.values()
                if r.status is RecordStatus.CONFIRMED and r.community_id == community_id and r.kind is kind
                and all(r.payload.get(k) == v for k, v in payload.items())]

    def read_past(self, community_id: int, moment) -> bool:
        return True  # no wallet ballots here

    def location(self, community_id: int) -> str | None:
        relayed = any(r.community_id == community_id and r.status is RecordStatus.CONFIRMED
                      for r in self.database.state.outbox.values())
        return f"0xLedger{community_id} on chain 31337" if relayed else None

    def revision(self, community_id: int, proposal_id: int, number: int) -> tuple[str, str | None] | None:
        found = self._relayed(community_id, RecordKind.REVISION, proposal_id=proposal_id, number=number)
        return (found[0].payload["content_hash"], found[0].payload.get("provenance_hash")) if found else None

    def proposal(self, community_id: int, proposal_id: int) -> OnChainProposal | None:
        opened = self._relayed(community_id, RecordKind.OPEN, proposal_id=proposal_id)
        if not opened:
            return None
        p = opened[0].payload
        closed = self._relayed(community_id, RecordKind.CLOSE, proposal_id=proposal_id)
        withdrawn = self._relayed(community_id, RecordKind.WITHDRAW, proposal_id=proposal_id)
        outcome = closed[0].payload["outcome"] if closed else "withdrawn" if withdrawn else None
        ballots = self._ballots(community_id, proposal_id)
        return OnChainProposal(p["content_hash"], p["deadline"] - 1, p["quorum_required"], p["threshold_bps"],
                               outcome, Tally.of(Support(s) for s in ballots.values()))

    def _ballots(self, community_id: int, proposal_id: int) -> dict[str, int]:
        last: dict[str, int] = {}
        for record in self._relayed(community_id, RecordKind.VOTE, proposal_id=proposal_id):
            last[record.payload["voter"]] = record.payload["support"]  # in order: a change replaces
        return last

    def ballots(self, community_id: int, proposal_id: int, voters: list[str]) -> dict[str, int | None]:
        ballots = self._ballots(community_id, proposal_id)
        return {voter: ballots.get(voter) for voter in voters}

    def anchored_at(self, community_id: int, root: str) -> int | None:
        return 1_800_000_000 if self._relayed(community_id, RecordKind.ANCHOR, root=root) else None

    def provenance_included(self, community_id: int, root: str, leaf: bytes, proof: list[bytes]) -> bool:
        return verify_proof(leaf, proof, bytes.fromhex(root.removeprefix("0x")))

"""Giving voters their on-chain index before their first vote is relayed."""

from __future__ import annotations

from typing import Any

from governance.adapters.chain.errors import ChainUnavailable
from governance.adapters.chain.keys import voter_id
from governance.adapters.chain.reverts import LedgerRevert
from governance.adapters.sql.chain_tables import ChainVoterRow

REGISTER_BATCH = 500  # ≈23,500 gas each: ≈12M gas, well inside a block


class VoterRegistrar:
    def __init__(self, relayer: Any):
        self.relayer = relayer
        self.store = relayer.store

    def ensure(self, step: Any, deployment: Any, contract: Any, stats: Any) -> dict[str, int]:
        community = step.community_id
        names = sorted({row.payload["voter"] for row in step.rows})
        known = self.store.voters(community, names)
        salt = bytes.fromhex(deployment.salt.removeprefix("0x"))
        fresh = [ChainVoterRow(community_id=community, voter=v, voter_id="0x" + voter_id(salt, v).hex())
                 for v in names if v not in known]
        self.store.add_voters(fresh)
        known.update({row.voter: row for row in fresh})
        while unindexed := [row for row in known.values() if row.voter_index is None]:
            self._register(unindexed[:REGISTER_BATCH], contract, community, stats)
            known = self.store.voters(community, names)
        return {name: row.voter_index for name, row in known.items()}

    def _register(self, rows: list[ChainVoterRow], contract: Any, community: int, stats: Any) -> None:
        ids = [bytes.fromhex(row.voter_id.removeprefix("0x")) for row in rows]
        try:
            tx = self.relayer.send(contract.functions.registerVoters(ids), "register", community, [], stats)
        except LedgerRevert as revert:
            if revert.name != "LedgerVoterAlreadyRegistered":
                raise
            # Registered by a run that died before saving the index: adopt the chain's answer.
            registered_id, index = revert.values
            self.store.set_voter_indices(community, {"0x" + registered_id.hex(): index})
            return
        if tx.status == "signed":
            raise ChainUnavailable(f"voter registration {tx.tx_hash} is not mined yet")

    def settle(self, tx: Any, receipt: Any) -> None:
        contract = self.relayer.connection.w3.eth.contract(abi=self.relayer.abi)
        for event in contract.events.VotersRegistered().process_receipt(receipt):
            first = event["args"]["firstVoterIndex"]
            ids = ["0x" + bytes(v).hex() for v in event["args"]["voterIds"]]
            self.store.set_voter_indices(tx.community_id, {vid: first + n for n, vid in enumerate(ids)})

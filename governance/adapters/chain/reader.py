"""Reading a community's ledger back, keyed the way the database keys it (for verify)."""

from __future__ import annotations

import logging

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.ballot_replay import replay_ballots
from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.keys import LEDGER_OUTCOMES, proposal_key
from governance.adapters.chain.store import ChainStore
from governance.domain import Tally
from governance.ports import OnChainProposal

_ZERO = bytes(32)
REPLAY_FROM = 8  # voters: fewer are asked one `ballotOf` call each; more, read from the events in one pass
log = logging.getLogger(__name__)


class ChainLedgerReader:
    def __init__(self, engine, connection: ChainConnection):
        self.store = ChainStore(engine)
        self.connection = connection
        self.abi = load_artifact("FolkmootLedger").abi

    def _contract(self, community_id: int):
        deployment = self.store.deployment(community_id)
        if deployment is None:
            return None
        return self.connection.w3.eth.contract(address=deployment.address, abi=self.abi)

    def location(self, community_id: int) -> str | None:
        deployment = self.store.deployment(community_id)
        if deployment is None:
            return None
        return f"{deployment.address} on chain {deployment.chain_id}"

    def revision(self, community_id: int, proposal_id: int, number: int) -> tuple[str, str | None] | None:
        contract = self._contract(community_id)
        if contract is None:
            return None
        content_hash, provenance_hash = contract.functions.revisionOf(proposal_key(proposal_id), number).call()
        if content_hash == _ZERO:
            return None
        return "0x" + content_hash.hex(), None if provenance_hash == _ZERO else "0x" + provenance_hash.hex()

    def proposal(self, community_id: int, proposal_id: int) -> OnChainProposal | None:
        contract = self._contract(community_id)
        if contract is None:
            return None
        (content_hash, deadline, quorum, threshold, outcome, against, for_, abstain) = (
            contract.functions.proposalOf(proposal_key(proposal_id)).call()
        )
        if deadline == 0:
            return None
        return OnChainProposal("0x" + content_hash.hex(), deadline, quorum, threshold,
                               LEDGER_OUTCOMES.get(outcome, f"unknown({outcome})"), Tally(for_, against, abstain))

    def ballots(self, community_id: int, proposal_id: int, voters: list[str]) -> dict[str, int | None]:
        contract = self._contract(community_id)
        known = self.store.voters(community_id, voters) if contract is not None else {}
        indices = {voter: row.voter_index for voter, row in known.items() if row.voter_index is not None}
        on_chain = self._replayed(community_id, contract, proposal_id) if len(indices) > REPLAY_FROM else None
        result: dict[str, int | None] = {}
        for voter in voters:
            index = indices.get(voter)
            if index is None:
                result[voter] = None
            elif on_chain is not None:
                result[voter] = on_chain.get(index)
            else:
                voted, support = contract.functions.ballotOf(proposal_key(proposal_id), index).call()
                result[voter] = support if voted else None
        return result

    def _replayed(self, community_id: int, contract, proposal_id: int) -> dict[int, int] | None:
        """Every ballot of the proposal from its events, trusted only when they add up to the tally the
        ledger keeps; otherwise (or if the node refuses the log query) None: ask voter by voter."""
        key = proposal_key(proposal_id)
        try:
            ballots = replay_ballots(self.connection.w3, contract, self.store.deployment(community_id).deployed_block,
                                     key)
        except Exception as error:  # e.g. a provider that caps eth_getLogs
            log.warning("reading the ballots of proposal #%s from events failed (%s); asking voter by voter",
                        proposal_id, type(error).__name__)
            return None
        *_, against, for_, abstain = contract.functions.proposalOf(key).call()
        counts = [0, 0, 0]
        for support in ballots.values():
            counts[support] += 1
        if counts != [against, for_, abstain]:
            log.warning("the events of proposal #%s add up to %s, its on-chain tally is %s; asking voter by voter",
                        proposal_id, counts, [against, for_, abstain])
            return None
        return ballots

    def anchored_at(self, community_id: int, root: str) -> int | None:
        contract = self._contract(community_id)
        if contract is None:
            return None
        anchored_at, _count = contract.functions.anchorOf(bytes.fromhex(root.removeprefix("0x"))).call()
        return anchored_at or None

    def provenance_included(self, community_id: int, root: str, leaf: bytes, proof: list[bytes]) -> bool:
        contract = self._contract(community_id)
        if contract is None:
            return False
        return contract.functions.isProvenanceIncluded(bytes.fromhex(root.removeprefix("0x")), leaf, proof).call()

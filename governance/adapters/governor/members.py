"""What a followed Governor's members do through folkmoot: read their voting power (and why), and
delegate and vote by signature, relayed gas-free from the recorder key. A part of GovernorFollower
(follower.py), which provides the index, the live reads and the chain connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from governance.adapters.governor import ballots, batch, delegation
from governance.adapters.governor.live import LiveGovernor
from governance.adapters.governor.power import read_power
from governance.adapters.sql.governor_tables import FollowedGovernorRow, GovernorProposalRow
from governance.domain.governor import TokenInfo
from governance.domain.governor.delegation import (
    BallotToRelay,
    DelegationDomain,
    RelayedBallot,
    RelayedDelegation,
    SignedDelegation,
)
from governance.domain.governor.power import PowerReading
from governance.errors import InvalidInput

if TYPE_CHECKING:
    from web3 import Web3

    from governance.adapters.chain.connection import ChainConnection
    from governance.adapters.governor.store import GovernorStore


class MembersOnGovernor:
    """Uses GovernorFollower's store, connection, w3, _row, _stored and _reaching."""

    store: GovernorStore
    connection: ChainConnection
    w3: Web3

    def voting_power(self, community_id: int, wallet: str, reference: str | int | None = None) -> PowerReading:
        """The wallet's voting power on a proposal (by number or id; None: the latest active one, else
        the newest) and what explains it; without any proposal, the present only."""
        row = self._row(community_id)
        with self._reaching():
            stored = self._stored(row, reference) if reference is not None else self._latest_active(row)
            token = TokenInfo(row.token_address.lower(), row.token_symbol, row.token_decimals)
            return read_power(self.w3, self.store, row, token, wallet, stored)

    def delegation_domain(self, community_id: int, delegator: str) -> DelegationDomain:
        row = self._row(community_id)
        with self._reaching():
            return delegation.delegation_domain(self.w3, row, delegator)

    def relay_delegation(self, community_id: int, signed: SignedDelegation) -> RelayedDelegation:
        row = self._row(community_id)
        with self._reaching():
            return delegation.relay_delegation(self.connection, row, signed)

    def ballot_typed_data(self, community_id: int, reference: str | int, voter: str, support: int,
                          reason: str | None = None) -> dict:
        row = self._row(community_id)
        stored = self._stored(row, reference)
        with self._reaching():
            return ballots.ballot_typed_data(self.w3, row, stored.proposal_id, support, voter, reason)

    def relay_ballot(self, community_id: int, reference: str | int, voter: str, support: int,
                     signature: str, reason: str | None = None) -> RelayedBallot:
        row = self._row(community_id)
        stored = self._stored(row, reference)
        with self._reaching():
            return ballots.relay_ballot(self.connection, row, stored.proposal_id, support, voter, signature, reason)

    def relay_ballots(self, community_id: int, signed: list[BallotToRelay]) -> list[RelayedBallot | InvalidInput]:
        row = self._row(community_id)
        with self._reaching():
            return batch.relay_ballots(self.connection, row, signed)

    def _latest_active(self, row: FollowedGovernorRow) -> GovernorProposalRow | None:
        newest = self.store.proposals(row.id, 25)
        live = LiveGovernor(self.w3, row)
        now = live.now_timepoint()
        for stored in newest:
            if stored.vote_start < now <= stored.vote_end and live.state(stored.proposal_id) == "active":
                return stored
        return newest[0] if newest else None


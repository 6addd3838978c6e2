"""An existing on-chain Governor behind the voting-engine port: votes weighted by a token's voting
power, counted by the Governor itself (`proposalVotes`), read through the `FollowedGovernors` port
(the index and live reads; its adapter keeps Governor kinds, type hashes and clocks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from governance.domain import Actor, Support, Vote, VoteSource
from governance.domain.engines import Count, EngineKind, EngineProposal, ProposalHeading, Units, Window
from governance.domain.governor.delegation import RelayedBallot
from governance.domain.governor.views import GovernorProposal, TokenTally
from governance.errors import Unavailable
from governance.ports import FollowedGovernors
from governance.services.verification import Check, VerifyItem, VerifyReport
from governance.services.voting import VoteReceipt

NOT_YET = ("Voting in the DAO's Governor from Discord is not available yet: vote with your wallet in the "
           "Governor's own app. /proposal show gives the proposal's full id.")


RelayBallot = Callable[[EngineProposal, Actor, Support, str | None, str], RelayedBallot]


@dataclass
class GovernorEngine:
    governors: FollowedGovernors
    relay: RelayBallot | None = None  # a member's signed ballot, relayed gas-free (governor_ballots.py)

    @property
    def kind(self) -> EngineKind:
        return EngineKind.GOVERNOR

    def proposals(self, community_id: int, *, open_only: bool = False, limit: int = 25) -> list[EngineProposal]:
        found = self.governors.proposals(community_id, limit, open_only=open_only)
        return [as_engine_proposal(community_id, p, self.governors.tally(community_id, p.proposal_id))
                for p in found]

    def proposal(self, community_id: int, reference: str | int) -> EngineProposal:
        found = self.governors.proposal(community_id, reference)
        return as_engine_proposal(community_id, found, self.governors.tally(community_id, found.proposal_id))

    def headings(self, community_id: int, *, open_only: bool = False, limit: int = 200) -> list[ProposalHeading]:
        return self.governors.headings(community_id, limit, open_only)

    def vote(self, proposal: EngineProposal, actor: Actor, support: Support, reason: str | None = None,
             signature: str | None = None) -> VoteReceipt:
        """The member's signed Ballot (the Governor's own EIP-712 type, signed by the wallet they linked),
        relayed gas-free with castVoteBySig; without a signature (a button, /vote) it cannot be cast."""
        if signature is None or self.relay is None:
            raise Unavailable(NOT_YET)
        relayed = self.relay(proposal, actor, support, reason, signature)
        vote = Vote(proposal_id=proposal.number, voter=actor.id, support=Support(relayed.support), reason=None,
                    cast_at=datetime.now(UTC), source=VoteSource.WALLET)
        return VoteReceipt(vote=vote, previous=None)

    def recorded(self, proposal: EngineProposal) -> Count | None:
        """The Governor counts on-chain: its proposalVotes, read now."""
        tally = self.governors.tally(proposal.community_id, proposal.engine_id)
        return as_count(tally)

    def verify(self, proposal: EngineProposal) -> VerifyReport:
        info = self.governors.info(proposal.community_id)
        report = VerifyReport(f"Governor proposal {proposal.reference}",
                              f"{info.address} on chain {info.chain_id}")
        for check in self.governors.verify(proposal.community_id, proposal.engine_id):
            state = Check.PASS if check.ok else Check.PENDING if check.pending else Check.FAIL
            report.items.append(VerifyItem(check.name, state, check.detail))
        return report


def as_count(tally: TokenTally) -> Count:
    return Count(Units.of(tally.token), tally.for_votes, tally.against_votes, tally.abstain_votes, tally.voters,
                 tally.quorum, tally.toward_quorum, tally.supply_at_snapshot)


def as_engine_proposal(community_id: int, p: GovernorProposal, tally: TokenTally) -> EngineProposal:
    w = p.window
    return EngineProposal(EngineKind.GOVERNOR, community_id, p.number, p.proposal_id, p.title,
                          p.state, p.state == "active", Window(w.starts_at, w.ends_at, w.blocks, w.estimated),
                          p.proposer, as_count(tally), p)

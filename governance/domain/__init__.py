"""The governance domain: plain dataclasses and pure rules, no I/O."""

from governance.domain.community import Actor, Community
from governance.domain.proposals import Proposal, ProposalState, Revision
from governance.domain.tally import Outcome, QuorumKind, QuorumRule, Tally, decide_outcome
from governance.domain.votes import Support, Vote, VoteSource, parse_support

__all__ = [
    "Actor", "Community", "Outcome", "Proposal", "ProposalState", "QuorumKind", "QuorumRule",
    "Revision", "Support", "Tally", "Vote", "VoteSource", "decide_outcome", "parse_support",
]

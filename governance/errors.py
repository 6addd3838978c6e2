"""Domain errors. `str(error)` is one line that is safe to show a user."""

from __future__ import annotations


class GovernanceError(Exception):
    """Base of every error a user may see. The message is user-safe, one line."""

    def __init__(self, message: str):
        super().__init__(" ".join(message.split()))


class InvalidInput(GovernanceError):
    """Malformed or out-of-range input (empty title, oversize text, bad choice)."""


class NotFound(GovernanceError):
    """Something the user named does not exist."""


class ProposalNotFound(NotFound):
    def __init__(self, proposal_id: object):
        super().__init__(f"Proposal #{proposal_id} does not exist.")
        self.proposal_id = proposal_id


class CommunityNotFound(NotFound):
    def __init__(self, community_id: object):
        super().__init__(f"Community {community_id} is not set up; create it first.")
        self.community_id = community_id


class AlreadyExists(GovernanceError):
    """Something the user asked to create exists already (and was left as it is)."""


class InvalidState(GovernanceError):
    """The proposal is not in a state that allows this action."""


class VotingClosed(InvalidState):
    """A vote arrived after the deadline or for a proposal that is not open."""


class VotingStillOpen(InvalidState):
    """Closing was attempted before the deadline."""


class NotEligible(GovernanceError):
    """The member lacks the role or right needed for this action."""


class NotAllowed(GovernanceError):
    """The member is not the author or an admin."""


class Unavailable(GovernanceError):
    """A dependency (database, chain, model) is down; the action can be retried."""


class Conflict(GovernanceError):
    """Two changes to the same item raced; the loser may simply retry."""

    def __init__(self) -> None:
        super().__init__("Someone changed this at the same moment; please try again.")


class RateLimited(GovernanceError):
    """A member or community used up what may be done in a time window; the message says when to retry."""

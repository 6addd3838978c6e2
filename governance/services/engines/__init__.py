"""The voting-engine port and its two engines: Folkmoot's own ledger (one member, one vote) and
an existing on-chain Governor (token-weighted). A community votes through one of them
(`Governance.engine(community_id)` chooses); /proposal show|list, /tally, /summarize, /verify,
digests and reminders use the same calls on either."""

from governance.services.engines.governor import GovernorEngine
from governance.services.engines.ledger import LedgerEngine
from governance.services.engines.port import VotingEngine

__all__ = ["GovernorEngine", "LedgerEngine", "VotingEngine"]

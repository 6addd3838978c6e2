"""The application object: every use case an entry point calls (the Discord bot, the CLI, the
scheduler's host), bound to its units of work, clock and ports. Built by `governance.bootstrap`;
entry points never build adapters or reach past it.

One part per feature, each a small class the application is assembled from:
  communities.py  set up and configure a community           proposals.py  draft, revise, publish, read
  voting.py       votes (group commits in the bot), closing  chain.py      verify, wallets, relay, deploy
  assistant.py    AI drafts, summaries, similarity, provenance
  governor.py     follow an existing on-chain Governor: attach, index, read, summarize, watch
  engines.py      each community's voting engine (the ledger or its Governor), read the same way
  scheduling.py   the scheduler, digests now, reminder opt-ins, background tasks
  chain_loop.py   the background loop: relay, read back, anchor, index Governors (each backs off alone)
  wallet_page.py  the wallet page: one-time links, Sign-In with Ethereum, ballots checked and queued
  governor_page.py  the wallet page on a Governor: power at the snapshot, the Governor's ballot relayed
"""

from governance.application.assistant import AiDraft
from governance.application.chain import ChainStatus
from governance.application.governor_page import GovernorPage
from governance.application.proposals import Proposals
from governance.application.scheduling import BackgroundTask, Scheduling
from governance.application.voting import Voting


class Governance(Proposals, Voting, Scheduling, GovernorPage):
    """Proposals, Voting and Scheduling (which brings Engines, Governors, ChainRecord, Assistant and
    Communities)."""


__all__ = ["AiDraft", "BackgroundTask", "ChainStatus", "Governance"]

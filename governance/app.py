"""The governance application: the use cases bound to their unit of work and clock.

Entry points (the CLI, the Discord bot, the scheduler) receive one of these from
`governance.bootstrap` and call its methods; they never build adapters themselves.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from governance.domain import Actor, Community, Proposal, ProposalState, Support, VoteSource
from governance.domain.announcements import Announcement
from governance.errors import Conflict, InvalidInput, Unavailable
from governance.ports import Clock, LedgerReader, UnitOfWork
from governance.services import (
    chain_votes,
    closing,
    communities,
    lookup,
    proposals,
    queries,
    verification,
    voting,
)


@dataclass
class Governance:
    uow: Callable[[], UnitOfWork]  # for use cases that write
    clock: Clock
    ledger: LedgerReader | None = None  # reads the chain back; None when no chain is configured
    chain: Any = None  # the chain adapter's runtime (relayer, connection), wired by bootstrap
    batcher: Any = None  # set by start_batching()
    ai: Any = None  # governance.ai_app.AiApp when a language model is wired
    engine: Any = None  # the database engine, for the few adapters that need it (leader locks)
    read_uow: Callable[[], UnitOfWork] | None = None  # for queries; the writing one if not given

    def __post_init__(self) -> None:
        self.read_uow = self.read_uow or self.uow

    # communities
    def setup_community(self, community_id: int, name: str, actor: Actor, **settings: Any) -> Community:
        return communities.setup_community(self.uow(), self.clock, community_id=community_id,
                                           name=name, actor=actor, **settings)

    def configure(self, community_id: int, actor: Actor, **changes: Any) -> Community:
        return communities.configure(self.uow(), self.clock, community_id=community_id,
                                     actor=actor, **changes)

    def communities(self) -> list[Community]:
        with self.read_uow() as uow:
            return uow.communities.list()

    def community(self, community_id: int) -> Community:
        with self.read_uow() as uow:
            return lookup.community(uow, community_id)

    # proposals
    def create_draft(self, community_id: int, actor: Actor, title: str, body: str,
                     provenance_id: int | None = None) -> Proposal:
        """provenance_id: the AI output that wrote this text (AiApp.draft); its hash goes on-chain."""
        return proposals.create_draft(self.uow(), self.clock, community_id=community_id, actor=actor,
                                      title=title, body=body, provenance_id=provenance_id)

    def revise(self, proposal_id: int, actor: Actor, title: str | None = None, body: str | None = None,
               provenance_id: int | None = None) -> Proposal:
        return proposals.revise(self.uow(), self.clock, proposal_id=proposal_id, actor=actor,
                                title=title, body=body, provenance_id=provenance_id)

    def publish(self, proposal_id: int, actor: Actor, voting_period: timedelta | None = None,
                eligible_count: int | None = None) -> Proposal:
        return proposals.publish(self.uow(), self.clock, proposal_id=proposal_id, actor=actor,
                                 voting_period=voting_period, eligible_count=eligible_count)

    def withdraw(self, proposal_id: int, actor: Actor) -> Proposal:
        return proposals.withdraw(self.uow(), self.clock, proposal_id=proposal_id, actor=actor)

    # votes
    def vote(self, proposal_id: int, actor: Actor, support: Support, reason: str | None = None,
             source: VoteSource = VoteSource.DISCORD) -> voting.VoteReceipt:
        ballot = voting.Ballot(proposal_id, actor, support, reason, source)
        if self.batcher is not None:
            return self.batcher.cast(ballot)

        def attempt() -> voting.VoteReceipt:
            return voting.cast_vote(self.uow(), self.clock, ballot)
        for _ in range(2):
            try:
                return attempt()
            except Conflict:
                continue  # the same member's clicks raced to insert a first vote; retry sees the winner
        return attempt()

    async def vote_async(self, proposal_id: int, actor: Actor, support: Support, reason: str | None = None,
                         source: VoteSource = VoteSource.DISCORD) -> voting.VoteReceipt:
        """vote() for the event loop: joins the next group commit without holding a thread."""
        if self.batcher is None:
            return await asyncio.to_thread(self.vote, proposal_id, actor, support, reason, source)
        return await self.batcher.cast_async(voting.Ballot(proposal_id, actor, support, reason, source))

    def start_batching(self) -> None:
        """From now on, concurrent votes share transactions (the bot does this; see VoteBatcher)."""
        from governance.batching import VoteBatcher

        if self.batcher is None:
            self.batcher = VoteBatcher(lambda ballots: voting.cast_votes(self.uow(), self.clock, ballots))

    def close(self, proposal_id: int) -> closing.CloseResult:
        return closing.close(self.uow(), self.clock, proposal_id=proposal_id)

    def close_due(self) -> list[closing.CloseResult]:
        return closing.close_due(self.uow(), self.clock)

    # queries
    def show(self, proposal_id: int) -> Proposal:
        return queries.show(self.read_uow(), proposal_id)

    def list(self, community_id: int | None = None, states: tuple[ProposalState, ...] = (),
             limit: int = 25) -> list[Proposal]:
        return queries.list_proposals(self.read_uow(), community_id, states, limit)

    def tally(self, proposal_id: int) -> queries.TallyView:
        return queries.tally(self.read_uow(), proposal_id)

    def votes(self, proposal_id: int):
        return queries.votes(self.read_uow(), proposal_id)

    def outbox_record(self, key: str):
        """An outbox record by its key (e.g. "vote:12:discord:34:0"), to show its transaction."""
        with self.read_uow() as uow:
            return uow.outbox.get(key)

    # where proposals were announced (reminders and results are posted there too)
    def record_announcement(self, proposal_id: int, channel_id: int, message_id: int) -> None:
        with self.uow() as uow:
            lookup.proposal(uow, proposal_id, with_revisions=False)
            uow.announcements.put(Announcement(proposal_id, channel_id, message_id, self.clock.now()))
            uow.commit()

    def announcement(self, proposal_id: int) -> Announcement | None:
        with self.read_uow() as uow:
            return uow.announcements.get(proposal_id)

    # the chain
    def verify(self, proposal_id: int) -> verification.VerifyReport:
        if self.ledger is None:
            raise Unavailable("No chain is configured (FOLKMOOT_CHAIN=off), so there is nothing to verify against.")
        return verification.verify(self.read_uow(), self.ledger, proposal_id)

    def link_wallet(self, community_id: int, actor: Actor, wallet: str, signature: str) -> None:
        """Links a wallet the member proved to control, so its signed ballots count as their vote."""
        if self.chain is None:
            raise Unavailable("No chain is configured, so wallets cannot vote here.")
        if not re.fullmatch(r"0x[0-9a-fA-F]{40}", wallet or ""):
            raise InvalidInput("That is not a wallet address; it looks like 0x followed by 40 hex digits.")
        if not self.chain.proves_wallet(community_id, actor.id, wallet, signature):
            raise InvalidInput("That signature does not prove control of the wallet; sign the exact message shown.")
        chain_votes.link_wallet_record(self.uow(), self.clock, community_id=community_id, actor=actor,
                                       wallet=wallet)

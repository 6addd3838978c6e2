"""Folkmoot's own ledger behind the voting-engine port: one member, one vote, counted in the
database and recorded on the community's FolkmootLedger through the outbox."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from governance.domain import Actor, Proposal, ProposalState, Support, VoteSource
from governance.domain.engines import MEMBERS, Count, EngineKind, EngineProposal, ProposalHeading, Window
from governance.errors import InvalidInput, ProposalNotFound, Unavailable
from governance.ports import Clock, LedgerReader, UnitOfWork
from governance.services import queries, verification, voting
from governance.services.queries import TallyView
from governance.services.verification import VerifyReport


@dataclass
class LedgerEngine:
    uow: Callable[[], UnitOfWork]
    read_uow: Callable[[], UnitOfWork]
    clock: Clock
    chain: LedgerReader | None = None

    @property
    def kind(self) -> EngineKind:
        return EngineKind.LEDGER

    def proposals(self, community_id: int, *, open_only: bool = False, limit: int = 25) -> list[EngineProposal]:
        states = (ProposalState.ACTIVE,) if open_only else ()
        found = queries.list_proposals(self.read_uow(), community_id, states, limit)
        return [as_engine_proposal(view) for view in queries.tally_views(self.read_uow(), found)]

    def proposal(self, community_id: int, reference: str | int) -> EngineProposal:
        number = _number(reference)
        proposal = queries.show(self.read_uow(), number)
        if proposal.community_id != community_id:
            raise ProposalNotFound(number)  # another community's: as if it did not exist
        [view] = queries.tally_views(self.read_uow(), [proposal])
        return as_engine_proposal(view)

    def headings(self, community_id: int, *, open_only: bool = False, limit: int = 200) -> list[ProposalHeading]:
        states = (ProposalState.ACTIVE,) if open_only else ()
        return [ProposalHeading(p.id, p.title, "open" if p.state is ProposalState.ACTIVE else p.state.value)
                for p in queries.list_proposals(self.read_uow(), community_id, states, limit)]

    def vote(self, proposal: EngineProposal, actor: Actor, support: Support, reason: str | None = None,
             signature: str | None = None) -> voting.VoteReceipt:
        if signature is not None:
            raise InvalidInput("A wallet ballot for Folkmoot's ledger is submitted to the chain itself "
                               "(see /wallet); the bot reads it back.")
        ballot = voting.Ballot(int(proposal.engine_id), actor, support, reason, VoteSource.DISCORD)
        return voting.cast_vote(self.uow(), self.clock, ballot)

    def recorded(self, proposal: EngineProposal) -> Count | None:
        if self.chain is None:
            return None
        on_chain = self.chain.proposal(proposal.community_id, int(proposal.engine_id))
        if on_chain is None:
            return None
        t = on_chain.tally
        return Count(MEMBERS, t.for_votes, t.against_votes, t.abstain_votes, t.participants,
                     on_chain.quorum, t.participants)

    def verify(self, proposal: EngineProposal) -> VerifyReport:
        if self.chain is None:
            raise Unavailable("No chain is configured (FOLKMOOT_CHAIN=off), so there is nothing to verify against.")
        return verification.verify(self.read_uow(), self.chain, int(proposal.engine_id))


def as_engine_proposal(view: TallyView) -> EngineProposal:
    p: Proposal = view.proposal
    t = view.tally
    count = None if p.state is ProposalState.DRAFT else Count(
        MEMBERS, t.for_votes, t.against_votes, t.abstain_votes, t.participants, view.quorum_required,
        t.participants, p.eligible_count)
    state = p.outcome.value if p.outcome is not None else p.state.value
    return EngineProposal(EngineKind.LEDGER, p.community_id, p.id, str(p.id), p.title, state,
                          p.state is ProposalState.ACTIVE, Window(p.published_at, p.deadline), p.author, count, p)


def _number(reference: str | int) -> int:
    raw = str(reference).strip().removeprefix("#").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18 or int(raw) < 1:
        raise InvalidInput("A proposal is named by its number, e.g. 12.")
    return int(raw)

"""Votes that reach the chain without our relayer: wallet ballots, and the wallet links they need."""

from __future__ import annotations

from governance.domain import Actor, Support, Vote, VoteSource
from governance.domain.community import require_voter
from governance.domain.outbox import RecordStatus
from governance.errors import InvalidState
from governance.ports import Clock, UnitOfWork
from governance.services import lookup, records
from governance.services.voting import VoteReceipt


def record_signed_vote(
    uow: UnitOfWork, *, proposal_id: int, voter: str, support: Support, cast_at,
) -> VoteReceipt | None:
    """A wallet's EIP-712 ballot the chain accepted (found by the indexer): it is on-chain already,
    so no outbox record. Returns None when it was known already or arrived after the deadline."""
    with uow:
        proposal = lookup.proposal(uow, proposal_id, with_revisions=False)
        if proposal.deadline is None or cast_at >= proposal.deadline:
            return None
        previous = uow.votes.get(proposal_id, voter, lock=True)
        if previous and previous.source is VoteSource.WALLET and previous.cast_at == cast_at:
            return None  # the indexer read this block range again after a restart
        vote = Vote(proposal_id=proposal_id, voter=voter, support=Support(support), reason=None,
                    cast_at=cast_at, changes=previous.changes + 1 if previous else 0, source=VoteSource.WALLET)
        uow.votes.put(vote)
        uow.commit()
    return VoteReceipt(vote=vote, previous=previous.support if previous else None)


def link_wallet_record(uow: UnitOfWork, clock: Clock, *, community_id: int, actor: Actor,
                       wallet: str, on_chain: bool = True) -> None:
    """Queues the on-chain link of a wallet (ownership already proven) to the member's voter slot.
    on_chain=False (a community that follows a Governor has no ledger to link in): the link is kept
    in the database only, recorded as done, and never relayed."""
    with uow:
        community = lookup.community(uow, community_id)
        require_voter(actor, community)
        record = records.link_record(community_id, actor.id, wallet, clock.now())
        if uow.outbox.get(record.key) is not None:  # the ledger links a wallet once, for good
            raise InvalidState("That wallet is already linked to a vote in this community.")
        if not on_chain:
            record.status, record.confirmed_at = RecordStatus.CONFIRMED, clock.now()
            record.payload["off_chain"] = True
        uow.outbox.add(record)
        uow.commit()

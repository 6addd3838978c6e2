"""Ballots signed on the wallet page, queued for the recorder to relay gas-free in batches.

The signature, the wallet's on-chain nonce and the chain were checked by the caller against the chain;
here, in one transaction: the proposal is open, the member may vote, the wallet is linked to them, the
member's hourly limit and the community's daily budget allow one more, and the ballot joins the outbox.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from governance.domain import Actor, ProposalState
from governance.domain.community import require_voter
from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus
from governance.domain.wallet_page import PageBallot, QueuedBallot, RelayLimits
from governance.errors import InvalidInput, NotEligible, RateLimited, VotingClosed
from governance.ports import UnitOfWork
from governance.services import lookup

IN_FLIGHT = (RecordStatus.PENDING, RecordStatus.SENT)
MAX_REASON = 1_000


def link_key(community_id: int, wallet: str) -> str:
    return f"link:{community_id}:{wallet.lower()}"


def linked_member(uow: UnitOfWork, community_id: int, wallet: str) -> str | None:
    """The member a wallet is linked to (or on its way to be) in the community, or None."""
    record = uow.outbox.get(link_key(community_id, wallet))
    if record is None or record.status is RecordStatus.FAILED:
        return None
    return record.payload["voter"]


def ballot_key(community_id: int, wallet: str, nonce: int, signature: str) -> str:
    """Unique per signature: a ballot the ledger skipped leaves its nonce unused, to be signed again."""
    return f"ballot:{community_id}:{wallet.lower()}:{nonce}:{hashlib.sha256(signature.encode()).hexdigest()[:16]}"


def queued_nonces(uow: UnitOfWork, community_id: int, wallet: str, since: datetime) -> int:
    """How many of the wallet's ballots are queued and not on-chain yet: the next one's nonce is the
    chain's plus this."""
    return sum(1 for r in uow.outbox.ballots(community_id, since)
               if r.payload["wallet"].lower() == wallet.lower() and r.status in IN_FLIGHT)


def check_open(uow: UnitOfWork, proposal_id: int, now: datetime) -> None:
    proposal = lookup.proposal(uow, proposal_id, with_revisions=False)
    if proposal.state is ProposalState.DRAFT:
        raise VotingClosed(f"Proposal #{proposal_id} is a draft: voting has not opened yet.")
    if proposal.state is not ProposalState.ACTIVE or proposal.deadline is None or now >= proposal.deadline:
        raise VotingClosed(f"Voting on proposal #{proposal_id} is closed.")


def queue(uow: UnitOfWork, now: datetime, limits: RelayLimits, community_id: int, actor: Actor,
          ballot: PageBallot) -> QueuedBallot:
    reason = (ballot.reason or "").strip() or None
    if reason is not None and len(reason) > MAX_REASON:
        raise InvalidInput(f"The reason is too long ({len(reason):,} characters; at most {MAX_REASON:,}).")
    with uow:
        community = lookup.community(uow, community_id)
        proposal = lookup.proposal(uow, ballot.proposal_id, with_revisions=False)
        if proposal.community_id != community_id:
            raise InvalidInput("That proposal belongs to another community.")
        check_open(uow, ballot.proposal_id, now)
        require_voter(actor, community)
        if linked_member(uow, community_id, ballot.wallet) != actor.id:
            raise NotEligible("That wallet is not linked to your vote here; sign in with it first.")
        recent = uow.outbox.ballots(community_id, now - timedelta(days=1))
        mine = [r for r in recent if r.payload["member"] == actor.id and r.created_at > now - timedelta(hours=1)]
        if len(mine) >= limits.per_member_per_hour:
            retry = min(r.created_at for r in mine) + timedelta(hours=1)
            minutes = max(1, -(-int((retry - now).total_seconds()) // 60))  # rounded up
            raise RateLimited(f"You have sent {len(mine)} wallet ballots in the last hour, the most the recorder "
                              f"relays per member; try again in {minutes} minutes, or vote with the buttons.")
        if len(recent) >= limits.daily_budget:
            raise RateLimited(f"This community's daily budget of {limits.daily_budget:,} relayed wallet ballots is "
                              "used up; try again tomorrow, or vote with the buttons in Discord.")
        if any(r.payload["wallet"].lower() == ballot.wallet.lower() and r.payload["nonce"] == ballot.nonce
               and r.status in IN_FLIGHT for r in recent):
            raise InvalidInput("A ballot with this nonce is queued already; reload the page and sign again.")
        key = ballot_key(community_id, ballot.wallet, ballot.nonce, ballot.signature)
        uow.outbox.add(OutboxRecord(
            kind=RecordKind.BALLOT, key=key, community_id=community_id, created_at=now,
            # "proposal", not "proposal_id": a queued ballot is the member's request, not a record of the
            # proposal's (the database learns the vote from the chain), so verify does not wait for it
            payload={"proposal": ballot.proposal_id, "member": actor.id, "voter": actor.id, "wallet": ballot.wallet,
                     "support": ballot.support, "nonce": ballot.nonce, "deadline": ballot.deadline,
                     "signature": ballot.signature, "reason": reason}))
        uow.commit()
    return QueuedBallot(key, ballot.proposal_id, ballot.wallet, ballot.support, now)

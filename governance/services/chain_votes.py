"""Votes that reach the chain without our relayer: wallet ballots, and the wallet links they need."""

from __future__ import annotations

import logging
from datetime import datetime

from governance.domain import Actor, ProposalState, Support, Vote, VoteSource
from governance.domain.community import require_voter
from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus
from governance.domain.wallet_links import WalletLinks
from governance.errors import InvalidState
from governance.ports import Clock, UnitOfWork
from governance.services import lookup, records
from governance.services.voting import VoteReceipt

log = logging.getLogger(__name__)


def record_signed_vote(
    uow: UnitOfWork, *, proposal_id: int, voter: str, support: Support, cast_at: datetime, block: int,
    now: datetime,
) -> VoteReceipt | None:
    """A wallet's EIP-712 ballot the chain accepted (found by the indexer in `block`, mined at `cast_at`):
    it is on-chain already, so no outbox record. Returns None when it was known already, arrived after the
    deadline or on a closed proposal, or is older than the member's stored vote.

    One truth (DESIGN.md): the member's latest act wins. A ballot older than the stored vote is not
    applied; a newer one is. Where the chain ends up holding the older of the two (a relayed vote that
    landed after a newer ballot, or before an older one), the newer one is queued to be recorded again."""
    with uow:
        proposal = lookup.proposal(uow, proposal_id, with_revisions=False)
        if proposal.deadline is None or cast_at >= proposal.deadline:
            return None
        if proposal.state is not ProposalState.ACTIVE:
            log.error("ALERT wallet ballot of %s on proposal #%s refused: the proposal is %s (it was closed "
                      "before the chain was read past its deadline)", voter, proposal_id, proposal.state.value)
            return None
        if WalletLinks.fold(uow.outbox.links(proposal.community_id)).unlinked_since(voter, cast_at):
            log.error("ALERT wallet ballot of %s on proposal #%s refused: their wallet was unlinked before it "
                      "was cast (the chain took it before the unlink reached it; verify shows the difference)",
                      voter, proposal_id)
            return None
        previous = uow.votes.get(proposal_id, voter, lock=True)
        if previous and previous.source is VoteSource.WALLET and previous.cast_at == cast_at \
                and previous.support == support:
            return None  # the indexer read this block range again after a restart
        sent = [r for r in uow.outbox.for_proposal(proposal_id)
                if r.kind is RecordKind.VOTE and r.payload["voter"] == voter]
        if previous is not None and previous.cast_at > cast_at:  # the stored vote is the later act
            if previous.source is not VoteSource.WALLET and _landed_before(sent, previous.changes, block):
                _record_again(uow, proposal.community_id, previous, block, now)
                uow.commit()
            return None
        vote = Vote(proposal_id=proposal_id, voter=voter, support=Support(support), reason=None,
                    cast_at=cast_at, changes=previous.changes + 1 if previous else 0, source=VoteSource.WALLET)
        uow.votes.put(vote)
        if _may_land_after(sent, block):
            _record_again(uow, proposal.community_id, vote, block, now)
        uow.commit()
    return VoteReceipt(vote=vote, previous=previous.support if previous else None)


def _landed_before(rows: list[OutboxRecord], sequence: int, block: int) -> bool:
    """Whether the record of the stored vote may sit under a ballot mined in `block` (mined in or before
    it; a sent one's block is not known yet)."""
    return any(r.payload["sequence"] == sequence and (
        r.status is RecordStatus.SENT or (r.status is RecordStatus.CONFIRMED and (r.block_number or 0) <= block))
        for r in rows)


def _may_land_after(rows: list[OutboxRecord], block: int) -> bool:
    """Whether an older relayed vote may sit on top of a ballot mined in `block` (one still in flight,
    or mined in that block or later)."""
    return any(r.status is RecordStatus.SENT or (r.status is RecordStatus.CONFIRMED and (r.block_number or 0) >= block)
               for r in rows)


def _record_again(uow: UnitOfWork, community_id: int, vote: Vote, block: int, now: datetime) -> None:
    record = records.vote_again_record(community_id, vote, block, now)
    if uow.outbox.get(record.key) is None:  # read again after a restart: queued once
        log.info("the chain holds an older vote of %s on proposal #%s than its latest act; recording %s again",
                 vote.voter, vote.proposal_id, vote.support.label)
        uow.outbox.add(record)


def link_wallet_record(uow: UnitOfWork, clock: Clock, *, community_id: int, actor: Actor,
                       wallet: str, on_chain: bool = True) -> None:
    """Queues the on-chain link of a wallet (ownership already proven) to the member's voter slot.
    on_chain=False (a community that follows a Governor has no ledger to link in): the link is kept
    in the database only, recorded as done, and never relayed."""
    with uow:
        community = lookup.community(uow, community_id)
        require_voter(actor, community)
        links = WalletLinks.fold(uow.outbox.links(community_id))
        if wallet.lower() in links.live:  # the ledger links a wallet to one voter at a time
            raise InvalidState("That wallet is already linked to a vote in this community.")
        record = records.link_record(community_id, actor.id, wallet, clock.now(), links.generation(wallet))
        if not on_chain:
            record.status, record.confirmed_at = RecordStatus.CONFIRMED, clock.now()
            record.payload["off_chain"] = True
        uow.outbox.add(record)
        uow.commit()


def unlink_wallet_records(uow: UnitOfWork, clock: Clock, *, community_id: int, member: str,
                          reason: str) -> list[str]:
    """Queues the on-chain unlink of every wallet linked to the member (who asked, lost the voter role
    or left); their ballots signed from then on are refused here and by the ledger. The wallets unlinked
    (none: nothing to do)."""
    with uow:
        links = WalletLinks.fold(uow.outbox.links(community_id))
        wallets = links.wallets_of(member)
        now = clock.now()
        for wallet in wallets:
            linked = uow.outbox.get(records.link_record(community_id, member, wallet, now,
                                                        links.generation(wallet)).key)
            record = records.unlink_record(community_id, member, wallet, now, links.generation(wallet), reason)
            if linked is not None and linked.payload.get("off_chain"):  # never linked on-chain
                record.status, record.confirmed_at = RecordStatus.CONFIRMED, now
                record.payload["off_chain"] = True
            uow.outbox.add(record)
        uow.commit()
    if wallets:
        log.info("unlinked %s wallet(s) of %s in community %s: %s", len(wallets), member, community_id, reason)
    return wallets

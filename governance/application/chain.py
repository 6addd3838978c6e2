"""The on-chain record: verify, wallets, what the chain counts, and moving records to it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from governance.application.assistant import Assistant
from governance.application.chain_loop import ChainLoop, GovernorSyncPass
from governance.domain import Actor, Proposal, Tally
from governance.domain.outbox import OutboxRecord
from governance.errors import InvalidInput, InvalidState, Unavailable
from governance.ports import LeaderLock, LedgerDeployment, LedgerReader, RelayReport
from governance.services import chain_votes, lookup, queries, verification

RELAYER_BUSY = ("another relayer is running against this database (the bot's chain loop or `folkmoot chain relay "
                "--watch`); it relays these records, so this one does not")


AUDIT_WARNING = ("This file holds the community's secret salt: with it, anyone can tell which Discord member "
                 "cast which on-chain vote. Hand it only to the auditor, over a private channel.")
FAILED_SHOWN = 50  # failed records `folkmoot chain status` lists one by one


@dataclass(frozen=True)
class ChainStatus:
    description: str  # where the records go
    outbox: dict[str, int]  # records by status
    deployments: list[LedgerDeployment]
    failed: list[OutboxRecord] = ()  # the oldest records the chain refused, with its reasons


class ChainRecord(Assistant):
    @property
    def chain_configured(self) -> bool:
        return self.chain is not None

    @property
    def chain_description(self) -> str:
        """Where the records go, e.g. "embedded py-evm (in memory)" (Unavailable without a chain)."""
        return self._require_chain().description

    @property
    def ledger(self) -> LedgerReader | None:
        """Reads the chain back; None when no chain is configured."""
        return self.chain

    def verify(self, proposal_id: int) -> verification.VerifyReport:
        if self.chain is None:
            raise Unavailable("No chain is configured (FOLKMOOT_CHAIN=off), so there is nothing to verify against.")
        return verification.verify(self.read_uow(), self.chain, proposal_id)

    def link_wallet(self, community_id: int, actor: Actor, wallet: str, signature: str) -> None:
        """Links a wallet the member proved to control, so its signed ballots count as their vote."""
        if self.chain is None:
            raise Unavailable("No chain is configured, so wallets cannot vote here.")
        if not re.fullmatch(r"0x[0-9a-fA-F]{40}", wallet or ""):
            raise InvalidInput("That is not a wallet address; it looks like 0x followed by 40 hex digits.")
        if not self.chain.proves_wallet(community_id, actor.id, wallet, signature):
            raise InvalidInput("That signature does not prove control of the wallet; sign the exact message shown.")
        on_chain = self.governors is None or not self.governors.follows(community_id)  # a Governor: no ledger
        chain_votes.link_wallet_record(self.uow(), self.clock, community_id=community_id, actor=actor,
                                       wallet=wallet, on_chain=on_chain)

    def unlink_wallet(self, community_id: int, member: str, reason: str = "asked by the member") -> list[str]:
        """Unlinks the member's wallets here (they asked, lost the voter role or left): the ledger is told,
        and their ballots signed from now on are refused. The wallets unlinked; none is not an error."""
        return chain_votes.unlink_wallet_records(self.uow(), self.clock, community_id=community_id,
                                                 member=member, reason=reason)

    def audit_export(self, community_id: int) -> dict:
        """What an operator hands an auditor: the salt, each member's voter id and index, and the
        database's votes. The salt de-pseudonymises members: whoever holds it can tell which Discord
        id cast which on-chain vote."""
        if self.chain is None:
            raise Unavailable("No chain is configured, so there is no ledger to audit.")
        with self.read_uow() as uow:
            lookup.community(uow, community_id)
        material = self.chain.audit_material(community_id)
        if material is None:
            raise InvalidState(f"Community {community_id} has no ledger yet (`folkmoot chain deploy`).")
        proposals = queries.list_proposals(self.read_uow(), community_id, (), 1_000_000)
        votes = [{"proposal_id": p.id, "voter": v.voter, "support": int(v.support), "cast_at": v.cast_at.isoformat(),
                  "changes": v.changes, "source": v.source.value}
                 for p in sorted(proposals, key=lambda p: p.id) for v in queries.votes(self.read_uow(), p.id)]
        return {"warning": AUDIT_WARNING, "community_id": community_id, **material, "votes": votes}

    def recorded_tally(self, proposal: Proposal) -> Tally | None:
        """The tally as the chain has it, or None if nothing is recorded yet (or no chain)."""
        on_chain = self.chain.proposal(proposal.community_id, proposal.id) if self.chain else None
        return on_chain.tally if on_chain else None

    def vote_transaction(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        """The transaction that recorded that vote (Vote.changes == sequence), once confirmed."""
        return self.chain.vote_transaction(proposal_id, voter, sequence) if self.chain else None

    def ledger_location(self, community_id: int) -> str | None:
        """Where the community's ledger lives ("0x… on chain 1"), or None if not deployed yet."""
        return self.chain.location(community_id) if self.chain else None

    def outbox_record(self, key: str) -> OutboxRecord | None:
        """An outbox record by its key (e.g. "vote:12:discord:34:0"), to show its transaction."""
        with self.read_uow() as uow:
            return uow.outbox.get(key)

    # moving records to the chain (the bot's chain loop does it continuously; the CLI on demand). One
    # relayer at a time against a database: the CLI takes the leader lock the bot's chain loop holds.
    def relay(self) -> RelayReport:
        return self.relay_pass()[0]

    def relay_pass(self, keep_lock: bool = False) -> tuple[RelayReport, int]:
        """Relays, then reads back the wallet ballots mined meanwhile, holding the relayer's leader lock;
        Unavailable if another relayer (the bot, another `folkmoot chain relay`) holds it. keep_lock:
        stay the relayer after the pass (`--watch`); `release_relay_lock` steps down."""
        chain = self._require_chain()
        lock = self._relay_lock()
        if lock is not None and not (lock.try_acquire() and lock.still_held()):
            raise Unavailable(RELAYER_BUSY)
        try:
            return chain.relay(), chain.read_signed_ballots()
        finally:
            if lock is not None and not keep_lock:
                lock.release()

    def release_relay_lock(self) -> None:
        lock = self._relay_lock()
        if lock is not None:
            lock.release()

    def _relay_lock(self) -> LeaderLock | None:
        if self._locks is None:
            return None
        if getattr(self, "_relay_leader", None) is None:
            self._relay_leader = self._lock("folkmoot.relayer")
        return self._relay_leader

    def read_signed_ballots(self) -> int:
        return self._require_chain().read_signed_ballots()

    def sync_chain(self) -> None:
        """Relay and read back now. An embedded chain's clock first catches up with this app's
        (a demo runs on a manual clock)."""
        chain = self._require_chain()
        chain.follow_clock(int(self.clock.now().timestamp()))
        chain.sync()

    def deploy_ledger(self, community_id: int) -> LedgerDeployment:
        """The community's ledger contract, deployed now if it was not yet."""
        chain = self._require_chain()
        self.community(community_id)  # a clear error for an unknown community
        return chain.deploy(community_id)

    def chain_status(self) -> ChainStatus:
        chain = self._require_chain()
        with self.read_uow() as uow:
            failed = uow.outbox.failed(FAILED_SHOWN)
        return ChainStatus(chain.description, chain.outbox_counts(), chain.deployments(), failed)

    def retry_failed(self, record_ids: list[int] | None = None) -> int:
        """Records the chain refused, back to pending for the relayer (all of them, or these): after the
        operator fixed the cause (a key, a role, a ledger). How many."""
        self._require_chain()
        with self.uow() as uow:
            count = uow.outbox.retry_failed(record_ids)
            uow.commit()
        return count

    def chain_loop(self) -> ChainLoop:
        """The background task that relays, reads signed ballots back, anchors AI provenance and
        indexes the Governors communities follow."""
        chain = self._require_chain()
        governors = GovernorSyncPass(self.governors) if self.governors is not None else None
        return ChainLoop(chain.sync, self.anchor_all_provenance, self._lock("folkmoot.relayer"),
                         governors=governors)

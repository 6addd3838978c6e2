"""The outbox relayer: moves pending outbox records onto the chain exactly once.

Order of a send, and why it is crash-safe:
  1. pre-flight the call (the ledger's named errors show up here, before any nonce is spent);
  2. sign it and store the signed bytes with its rows marked `sent`, in one DB transaction;
  3. broadcast; 4. wait for the receipt; 5. after N confirmations mark the rows `confirmed`.
A crash before 2 leaves the rows pending and no nonce used. After 2 the only transaction
that can ever carry those rows is the stored one: recovery rebroadcasts the same bytes
(same nonce, so it can be mined at most once) or finds its receipt. Records go in outbox
order, one transaction at a time, so the chain sees them in the order the database did.

One truth for a vote (DESIGN.md): a pass first reads the chain's new wallet ballots (the indexer), so a
Discord vote the member replaced by a later ballot is marked superseded and never sent. Every outbox
move is conditional on the status it was read in: a stale batch (another relayer's, or one built
before a newer one) aborts with StaleRecord instead of landing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from web3.logs import DISCARD

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.ballot_relay import settle_skipped
from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.errors import (
    BroadcastRejected,
    ChainUnavailable,
    reaching_the_chain,
    refused_broadcast,
)
from governance.adapters.chain.keys import LEDGER_OUTCOMES
from governance.adapters.chain.reconcile import Verdict, judge_revert
from governance.adapters.chain.reverts import LedgerRevert
from governance.adapters.chain.sender import TxSender
from governance.adapters.chain.steps import Step, build_call, next_step
from governance.adapters.chain.store import ChainStore
from governance.adapters.chain.voters import VoterRegistrar
from governance.adapters.sql.chain_tables import ChainTxRow
from governance.domain.outbox import RecordKind, RecordStatus
from governance.domain.wording import plural
from governance.ports import LedgerDeployment

log = logging.getLogger(__name__)
RECEIPT_WAIT_SECONDS = 30.0
# How long after a proposal's deadline the ledger still takes our attested votes: covers the relay delay
# and an RPC outage of up to a day. Fixed per ledger at deployment (the contract allows 0 to 30 days).
DEFAULT_ATTESTATION_GRACE = 86_400
MAX_ATTESTATION_GRACE = 30 * 86_400  # the contract's MAX_ATTESTATION_GRACE


@dataclass
class RelayStats:
    sent: int = 0  # transactions broadcast
    confirmed: int = 0  # outbox rows confirmed
    reconciled: int = 0  # rows found already on-chain
    failed: int = 0
    blocked: str | None = None  # why the pass stopped early, if it did
    deployed: list[LedgerDeployment] = field(default_factory=list)  # ledgers this pass deployed
    dropped: list[str] = field(default_factory=list)  # transactions the node refused, and what became of them


class Relayer:
    def __init__(self, engine, connection: ChainConnection, *, confirmations: int = 1,
                 batch_size: int = 1_000, clock=None, attestation_grace: int = DEFAULT_ATTESTATION_GRACE,
                 hook: Callable[[str], None] = lambda step: None, index: Callable[[], int] | None = None):
        self.store = ChainStore(engine)
        self.connection = connection
        self.abi = load_artifact("FolkmootLedger").abi
        self.sender = TxSender(connection, self.abi)
        self.confirmations = max(confirmations, 1)
        self.batch_size = batch_size
        self.clock = clock
        if not 0 <= attestation_grace <= MAX_ATTESTATION_GRACE:
            raise ValueError(f"attestation_grace must be 0 to {MAX_ATTESTATION_GRACE} s, not {attestation_grace}")
        self.attestation_grace = attestation_grace  # seconds; used only when deploying a ledger
        self.voters = VoterRegistrar(self)
        self.hook = hook  # called after each send step; the crash tests kill the process there
        self.index = index  # reads new wallet ballots into the database (Indexer.poll) before relaying
        self._lock = threading.Lock()  # one pass at a time within a process
        self._replay_time = 0  # when the records being sent were made (a replaying embedded chain)

    def now(self) -> datetime:
        return self.clock.now() if self.clock else datetime.now(UTC)

    def exclusive(self) -> threading.Lock:
        """Held by a relay pass: another writer to an embedded chain in this process waits for it."""
        return self._lock

    # ------------------------------------------------------------------ one pass
    def relay(self) -> RelayStats:
        """Recover, send everything pending in order, confirm. Raises ChainUnavailable."""
        with self._lock, reaching_the_chain():
            stats = RelayStats()
            self.recover_orphans()
            if self.recover(stats):
                # Later calls are pre-flighted against the chain's state; wait until it includes ours.
                stats.blocked = "waiting for an earlier transaction to be mined"
                self.confirm(stats)
                return stats
            if self.index is not None:
                self.index()  # what the chain holds now decides which votes are still the members' latest
            self.hook("after_index")
            while (step := next_step(self.store, self.batch_size)) is not None:
                self._replay_time = int(step.rows[-1].created_at.timestamp())
                if not self._perform(step, stats):
                    break
            else:
                self.connection.end_replay()  # caught up: the chain's blocks carry their own time again
            self.confirm(stats)
            return stats

    def _perform(self, step: Step, stats: RelayStats) -> bool:
        deployment = self.ensure_deployment(step.community_id, stats)
        contract = self.connection.w3.eth.contract(address=deployment.address, abi=self.abi)
        indices = self.voters.ensure(step, deployment, contract, stats) if step.needs_voters else {}
        call = build_call(contract, step, indices)
        try:
            tx = self.send(call, step.purpose, step.community_id, [r.id for r in step.rows], stats)
        except LedgerRevert as revert:
            return self._judge(step, revert, contract, stats)
        if tx is not None and tx.status == "reverted":
            stats.failed += len(step.rows)
        return True

    def _judge(self, step: Step, revert: LedgerRevert, contract: Any, stats: RelayStats) -> bool:
        verdict, reason = judge_revert(step, revert, contract)
        ids = [r.id for r in step.rows]
        if verdict is Verdict.ALREADY_RECORDED:
            self.store.mark_rows(ids, RecordStatus.CONFIRMED, expected=RecordStatus.PENDING,
                                 error=f"found on-chain: {reason}", now=self.now())
            stats.reconciled += len(ids)
            return True
        if verdict is Verdict.NOT_YET:
            stats.blocked = reason
            return False
        log.error("chain refused %s record(s) %s: %s", step.purpose, ids, reason)
        self.store.mark_rows(ids, RecordStatus.FAILED, expected=RecordStatus.PENDING, error=reason)
        stats.failed += len(ids)
        return True

    # ------------------------------------------------------------------ sending
    def next_nonce(self) -> int:
        stored = self.store.highest_nonce(self.sender.address)
        return max(self.sender.chain_nonce(), (stored + 1) if stored is not None else 0)

    def send(self, call: Any, purpose: str, community_id: int | None, row_ids: list[int],
             stats: RelayStats) -> ChainTxRow | None:
        self.connection.stamp_next_block(self._replay_time)  # a replaying embedded chain only
        signed = self.sender.sign(call, self.next_nonce())
        tx = self.store.record_signed(ChainTxRow(
            community_id=community_id, purpose=purpose, sender=self.sender.address, nonce=signed.nonce,
            tx_hash=signed.tx_hash, raw=signed.raw, status="signed", created_at=self.now(),
        ), row_ids)
        self.hook("after_sign")
        self._broadcast_new(tx)
        stats.sent += 1
        self.hook("after_broadcast")
        receipt = self.sender.receipt(signed.tx_hash, wait=RECEIPT_WAIT_SECONDS)
        return self.settle(tx, receipt) if receipt is not None else tx

    def settle(self, tx: ChainTxRow, receipt: Any) -> ChainTxRow:
        """Records a mined transaction's result (and what it created)."""
        if receipt["status"] != 1:
            tx, _ = self.store.settle_tx(tx, RecordStatus.FAILED, error="transaction reverted on-chain",
                                         status="reverted", block_number=receipt["blockNumber"],
                                         gas_used=receipt["gasUsed"])
            log.error("transaction %s (%s) reverted", tx.tx_hash, tx.purpose)
            return tx
        if tx.purpose == "deploy":
            self.store.add_deployment(tx.community_id, self.connection.chain_id, self.connection.genesis_hash(),
                                      receipt["contractAddress"], receipt["blockNumber"], self.now())
        elif tx.purpose == "register":
            self.voters.settle(tx, receipt)
        elif tx.purpose == "ballot":
            settle_skipped(self.store, self.abi, tx, receipt)
        elif tx.purpose == RecordKind.CLOSE.value:
            self._compare_outcome(tx, receipt)
        tx = self.store.update_tx(tx, status="mined", block_number=receipt["blockNumber"],
                                  gas_used=receipt["gasUsed"])
        self.hook("after_receipt")
        return tx

    # ------------------------------------------------------------------ recovery and confirmation
    def recover(self, stats: RelayStats | None = None) -> bool:
        """Finish what a previous run (or crash) left in flight: find receipts or resend the same
        bytes. True while one is still not mined."""
        waiting = False
        for tx in self.store.in_flight():
            if tx.status != "signed":
                continue
            receipt = self.sender.receipt(tx.tx_hash)
            if receipt is None:
                log.info("resending transaction %s (nonce %s)", tx.tx_hash, tx.nonce)
                if not self._rebroadcast(tx, stats):
                    continue  # the node refused it, it was never mined: dropped, its records sent anew
                receipt = self.sender.receipt(tx.tx_hash, wait=RECEIPT_WAIT_SECONDS)
            if receipt is not None:
                self.settle(tx, receipt)
            else:
                waiting = True
        return waiting

    def confirm(self, stats: RelayStats) -> None:
        """Marks each transaction with enough confirmations confirmed, with its rows, in one commit."""
        latest = self.sender.latest_block()
        for tx in self.store.in_flight():
            if tx.status == "mined" and latest >= tx.block_number + self.confirmations - 1:
                _, count = self.store.settle_tx(tx, RecordStatus.CONFIRMED, hook=self.hook, now=self.now(),
                                                status="confirmed")
                stats.confirmed += count

    def recover_orphans(self) -> None:
        """Rows left `sent` in a transaction already confirmed or reverted (a crash between the two
        commits of an older version's confirm) take their transaction's result."""
        for tx, ids in self.store.orphans():
            status = RecordStatus.CONFIRMED if tx.status == "confirmed" else RecordStatus.FAILED
            log.warning("outbox records %s were left sent in %s transaction %s; marked %s", ids, tx.status,
                        tx.tx_hash, status.value)
            self.store.mark_rows(ids, status, expected=RecordStatus.SENT, tx=tx, now=self.now(),
                                 error=None if status is RecordStatus.CONFIRMED else "transaction reverted on-chain")

    def _compare_outcome(self, tx: ChainTxRow, receipt: Any) -> None:
        """The chain computes the outcome from its own tally; one different from the announced one is an
        alert, and its record fails (verify shows FAIL) rather than passing silently."""
        contract = self.connection.w3.eth.contract(abi=self.abi)
        for event in contract.events.ProposalClosed().process_receipt(receipt, errors=DISCARD):
            on_chain = LEDGER_OUTCOMES.get(event["args"]["outcome"])
            for row in self.store.rows_of_tx(tx.id):
                announced = row.payload.get("outcome")
                if row.kind == RecordKind.CLOSE.value and announced != on_chain:
                    reason = (f"the chain computed {on_chain} ({event['args']['forVotes']} for, "
                              f"{event['args']['againstVotes']} against, {event['args']['abstainVotes']} abstain) "
                              f"but the database announced {announced}")
                    log.error("ALERT proposal #%s: %s", row.proposal_id, reason)
                    self.store.mark_rows([row.id], RecordStatus.FAILED, expected=RecordStatus.SENT, error=reason)

    # ------------------------------------------------------------------ broadcasts the node refuses
    # A signed transaction the node refuses (its sender cannot pay for gas, say) is in no pool and can
    # never be mined once it is confirmed unmined; resending its bytes forever would block the relayer
    # even after the operator switched to a funded key. So it is dropped and its records signed anew.
    def _broadcast_new(self, tx: ChainTxRow) -> None:
        try:
            self.sender.broadcast(tx.raw)
        except BroadcastRejected as rejected:
            self._drop_if_never_mined(tx, rejected)  # just signed: the error below says it all
            raise refused_broadcast(rejected, self.sender.address) from None

    def _rebroadcast(self, tx: ChainTxRow, stats: RelayStats | None) -> bool:
        """Resends a stored transaction; False if the node refused it and it was dropped (and says so)."""
        try:
            self.sender.broadcast(tx.raw)
            return True
        except BroadcastRejected as refused:
            rejected = refused
        rows = self._drop_if_never_mined(tx, rejected)
        if rows is None:
            raise refused_broadcast(rejected, tx.sender)
        what = (f"dropped transaction {tx.tx_hash} ({tx.purpose}, nonce {tx.nonce} of {tx.sender}): the node refused "
                f"it ({rejected.reason}) and it was never mined; its {plural(rows, 'record')} are signed again with "
                f"{self.sender.address}")
        log.warning(what)
        if stats is not None:
            stats.dropped.append(what)
        return False

    def _drop_if_never_mined(self, tx: ChainTxRow, rejected: BroadcastRejected) -> int | None:
        """Drops a refused transaction if it was never mined (no receipt; its sender has no mined or
        pending transaction with its nonce): its rows go back to pending. How many, or None if kept."""
        if self.sender.receipt(tx.tx_hash) is not None or self.sender.nonce_used(tx.sender, tx.nonce):
            return None
        return self.store.drop_tx(tx, f"the node refused transaction {tx.tx_hash}: {rejected.reason}")

    # ------------------------------------------------------------------ deployment
    def ensure_deployment(self, community_id: int, stats: RelayStats):
        deployment = self.store.deployment(community_id)
        if deployment is not None:
            return deployment
        artifact = load_artifact("FolkmootLedger")
        factory = self.connection.w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
        admin = self.sender.address  # hand DEFAULT_ADMIN_ROLE to the community's multisig later
        constructor = factory.constructor(admin, self.sender.address, self.attestation_grace)
        tx = self.send(constructor, "deploy", community_id, [], stats)
        deployment = self.store.deployment(community_id)
        if deployment is None:
            raise ChainUnavailable(f"ledger deployment {tx.tx_hash if tx else ''} is not mined yet")
        log.info("deployed the ledger of community %s at %s", community_id, deployment.address)
        stats.deployed.append(LedgerDeployment(community_id, deployment.address, deployment.chain_id,
                                               deployment.deployed_block))
        return deployment


"""The chain port on web3 (`governance.ports.Chain`): the relayer, the indexer and the reader of a
community's FolkmootLedger, over one connection. Built by `governance.bootstrap`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete

from governance.adapters.chain.connection import ChainConnection, embedded_chain, rpc_chain
from governance.adapters.chain.errors import ChainUnavailable, reaching_the_chain
from governance.adapters.chain.indexer import Indexer
from governance.adapters.chain.page_checks import PageChecks
from governance.adapters.chain.reader import ChainLedgerReader
from governance.adapters.chain.relayer import Relayer, RelayStats
from governance.adapters.chain.store import ChainStore
from governance.adapters.chain.wallet_proof import proves_control
from governance.adapters.sql.chain_tables import ChainTxRow, ChainVoterRow, LedgerDeploymentRow
from governance.adapters.sql.outbox import SqlOutbox
from governance.config import Settings
from governance.domain.outbox import RecordStatus
from governance.domain.wallet_page import BallotDomain, PageBallot
from governance.domain.wording import plural
from governance.errors import Unavailable
from governance.ports import LedgerDeployment, OnChainProposal, UnitOfWork
from governance.services.records import vote_record_key

log = logging.getLogger(__name__)
REPLAY_AFTER = timedelta(minutes=1)  # records older than this at start-up are replayed at their times


@dataclass
class Web3Chain:
    connection: ChainConnection
    relayer: Relayer
    reader: ChainLedgerReader
    indexer: Indexer
    read_uow: Callable[[], UnitOfWork]
    page: PageChecks | None = None

    # what the chain holds (LedgerReader)
    def location(self, community_id: int) -> str | None:
        return self.reader.location(community_id)

    def revision(self, community_id: int, proposal_id: int, number: int) -> tuple[str, str | None] | None:
        return self.reader.revision(community_id, proposal_id, number)

    def proposal(self, community_id: int, proposal_id: int) -> OnChainProposal | None:
        return self.reader.proposal(community_id, proposal_id)

    def ballots(self, community_id: int, proposal_id: int, voters: list[str]) -> dict[str, int | None]:
        return self.reader.ballots(community_id, proposal_id, voters)

    def anchored_at(self, community_id: int, root: str) -> int | None:
        return self.reader.anchored_at(community_id, root)

    def provenance_included(self, community_id: int, root: str, leaf: bytes, proof: list[bytes]) -> bool:
        return self.reader.provenance_included(community_id, root, leaf, proof)

    def read_past(self, community_id: int, moment: datetime) -> bool:
        """Every wallet ballot mined before `moment` is indexed: the indexer read a block stamped at or
        after it, or read up to the head while the next block can only be stamped later. No ledger yet:
        no ballot can exist. Unsure (the node unreachable) is False."""
        deployment = self.relayer.store.deployment(community_id)
        if deployment is None:
            return True
        cursor = self.relayer.store.cursor(deployment.address)
        if cursor is None:
            return False
        when = int(moment.timestamp())
        w3 = self.connection.w3
        try:
            with reaching_the_chain():
                if w3.eth.get_block(cursor)["timestamp"] >= when:
                    return True
                if cursor < w3.eth.block_number:
                    return False  # the indexer has more to read
                if self.connection.replaying:
                    return False  # still re-recording history
                if self.connection.embedded:  # our own chain: its next block carries the app's time
                    with self.relayer.exclusive():  # mining, so never beside a relay pass (eth-tester)
                        self.connection.sync_time(int(self.relayer.now().timestamp()))
                return w3.eth.get_block("pending")["timestamp"] >= when
        except ChainUnavailable:
            return False

    # moving records to and from the chain
    @property
    def description(self) -> str:
        return self.connection.description

    @property
    def embedded(self) -> bool:
        return self.connection.embedded

    def sync(self) -> None:
        """One round trip: relay what is pending, then read back what others submitted."""
        self.relayer.relay()
        self.read_signed_ballots()

    def relay(self) -> RelayStats:
        return self.relayer.relay()

    def read_signed_ballots(self) -> int:
        with reaching_the_chain():
            return self.indexer.poll()

    def deploy(self, community_id: int) -> LedgerDeployment:
        with reaching_the_chain():
            return _deployment(self.relayer.ensure_deployment(community_id, RelayStats()))

    def deployments(self) -> list[LedgerDeployment]:
        return [_deployment(row) for row in self.relayer.store.deployments()]

    def outbox_counts(self) -> dict[str, int]:
        return self.relayer.store.outbox_counts()

    def proves_wallet(self, community_id: int, voter: str, wallet: str, signature: str) -> bool:
        try:
            with reaching_the_chain():  # a contract wallet is asked on-chain
                return proves_control(community_id, voter, wallet, signature, self.connection.w3)
        except ChainUnavailable:
            raise Unavailable("The chain cannot be reached right now; link your wallet again in a minute.") from None

    def audit_material(self, community_id: int) -> dict | None:
        """The ledger, its secret salt and every voter's id and index (None: no ledger yet)."""
        store = self.relayer.store
        deployment = store.deployment(community_id)
        if deployment is None:
            return None
        return {"ledger": deployment.address, "chain_id": deployment.chain_id,
                "deployed_block": deployment.deployed_block, "salt": deployment.salt,
                "voters": [{"voter": v.voter, "voter_id": v.voter_id, "voter_index": v.voter_index}
                           for v in store.all_voters(community_id)]}

    def vote_transaction(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        with self.read_uow() as uow:
            record = uow.outbox.get(vote_record_key(proposal_id, voter, sequence))
        return record.tx_hash if record and record.status is RecordStatus.CONFIRMED else None

    def follow_clock(self, timestamp: int) -> None:
        self.connection.sync_time(timestamp)

    # the wallet page (see page_checks.py)
    def ballot_domain(self, community_id: int) -> BallotDomain | None:
        return self.page.domain(community_id)

    def wallet_nonce(self, community_id: int, wallet: str) -> int:
        with reaching_the_chain():
            return self.page.nonce(community_id, wallet)

    def ballot_signed(self, community_id: int, ballot: PageBallot) -> bool:
        with reaching_the_chain():
            return self.page.ballot_signed(community_id, ballot)

    def ballot_typed_data(self, community_id: int, ballot: PageBallot) -> dict:
        return self.page.typed_data(community_id, ballot)

    def sign_in_message(self, **fields) -> str:
        return self.page.sign_in_message(**fields)

    def sign_in_wallet(self, message: str, signature: str, **expected) -> str:
        with reaching_the_chain():  # a contract wallet is asked on-chain
            return self.page.sign_in_wallet(message, signature, **expected)


def _deployment(row: LedgerDeploymentRow) -> LedgerDeployment:
    return LedgerDeployment(row.community_id, row.address, row.chain_id, row.deployed_block)


def connect(settings: Settings) -> ChainConnection | None:
    if settings.chain == "off":
        return None
    if settings.chain == "embedded":
        return embedded_chain()
    return rpc_chain(settings.chain_rpc_url, settings.chain_private_key.get_secret_value())


def build_chain(engine, connection: ChainConnection, settings: Settings, clock,
                uow: Callable[[], UnitOfWork], read_uow: Callable[[], UnitOfWork]) -> Web3Chain:
    forgotten = forget_vanished_deployments(ChainStore(engine), connection)
    if forgotten:
        log.warning("the ledger of %s is not on this chain (an embedded chain does not survive a restart): "
                    "their records will be written again to a new ledger", plural(forgotten, "community"))
    indexer = Indexer(engine, connection, uow, clock)
    relayer = Relayer(engine, connection, confirmations=settings.chain_confirmations, clock=clock,
                      index=indexer.poll)
    replay_history(relayer.store, connection, clock)
    page = PageChecks(connection, relayer.store, relayer.abi)
    return Web3Chain(connection, relayer, ChainLedgerReader(engine, connection), indexer, read_uow, page)


def replay_history(store: ChainStore, connection: ChainConnection, clock) -> None:
    """A fresh embedded chain below a database with records older than it (a restart, or a chain
    switched on later) starts at the oldest of them, so each is recorded at its own time: openings,
    votes and closes within their windows, never refused as too late."""
    oldest = store.oldest_pending()
    now = clock.now() if clock is not None else datetime.now(UTC)
    if oldest is not None and oldest < now - REPLAY_AFTER and connection.replay_from(int(oldest.timestamp()) - 60):
        log.info("the embedded chain starts at %s to record the database's history at its own times",
                 f"{oldest:%Y-%m-%d %H:%M} UTC")


def forget_vanished_deployments(store: ChainStore, connection: ChainConnection) -> int:
    """Ledgers whose contract is gone (a restarted embedded chain) are forgotten and re-recorded."""
    gone = [d for d in store.deployments() if not connection.w3.eth.get_code(d.address)]
    if not gone:
        return 0
    ids = [d.community_id for d in gone]
    with store.session() as s:
        s.exec(delete(ChainVoterRow).where(ChainVoterRow.community_id.in_(ids)))
        s.exec(delete(ChainTxRow).where(ChainTxRow.community_id.in_(ids)))
        s.exec(delete(LedgerDeploymentRow).where(LedgerDeploymentRow.community_id.in_(ids)))
        SqlOutbox(s).resend_all(ids)
        s.commit()
    return len(gone)




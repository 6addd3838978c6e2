"""Everything the chain adapter runs with, built from settings in one place."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import delete

from governance.adapters.chain.connection import ChainConnection, embedded_chain, rpc_chain
from governance.adapters.chain.errors import ChainUnavailable, reaching_the_chain
from governance.adapters.chain.indexer import Indexer
from governance.adapters.chain.reader import ChainLedgerReader
from governance.adapters.chain.relayer import Relayer
from governance.adapters.chain.store import ChainStore
from governance.adapters.chain.wallet_proof import proves_control
from governance.adapters.sql.chain_tables import ChainTxRow, ChainVoterRow, LedgerDeploymentRow
from governance.adapters.sql.tables import OutboxRow
from governance.adapters.sql.unit_of_work import SqlUnitOfWork
from governance.config import Settings
from governance.domain.outbox import RecordStatus
from governance.errors import Unavailable

log = logging.getLogger(__name__)


@dataclass
class ChainRuntime:
    connection: ChainConnection
    relayer: Relayer
    reader: ChainLedgerReader
    indexer: Indexer

    def describe(self) -> str:
        return self.connection.description

    def proves_wallet(self, community_id: int, voter: str, wallet: str, signature: str) -> bool:
        try:
            with reaching_the_chain():  # a contract wallet is asked on-chain
                return proves_control(community_id, voter, wallet, signature, self.connection.w3)
        except ChainUnavailable:
            raise Unavailable("The chain cannot be reached right now; link your wallet again in a minute.") from None

    def sync(self) -> None:
        """One round trip: relay what is pending, then read back what others submitted."""
        self.relayer.relay()
        with reaching_the_chain():
            self.indexer.poll()


def connect(settings: Settings) -> ChainConnection | None:
    if settings.chain == "off":
        return None
    if settings.chain == "embedded":
        return embedded_chain()
    return rpc_chain(settings.chain_rpc_url, settings.chain_private_key.get_secret_value())


def build_runtime(engine, connection: ChainConnection, settings: Settings, clock=None) -> ChainRuntime:
    forgotten = forget_vanished_deployments(ChainStore(engine), connection)
    if forgotten:
        log.warning("the ledger of %d community(ies) is not on this chain (an embedded chain does not survive "
                    "a restart): their records will be written again to a new ledger", forgotten)
    relayer = Relayer(engine, connection, confirmations=settings.chain_confirmations, clock=clock)
    indexer = Indexer(engine, connection, lambda: SqlUnitOfWork(engine))
    return ChainRuntime(connection, relayer, ChainLedgerReader(engine, connection), indexer)


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
        s.exec(update(OutboxRow).where(OutboxRow.community_id.in_(ids))
               .values(status=RecordStatus.PENDING.value, tx_id=None, tx_hash=None, block_number=None,
                       confirmed_at=None))
        s.commit()
    return len(gone)

"""Relaying the wallet page's queued ballots (outbox BALLOT rows) in `castVotesBySig` batches, paid by the
recorder. The ledger checks every ballot again and skips a refused one with `SignedBallotSkipped`; such a
row is marked failed with the ledger's reason and taken off the transaction, so the rest confirm."""

from __future__ import annotations

from typing import Any

from web3 import Web3
from web3.logs import DISCARD

from governance.adapters.chain.keys import proposal_key
from governance.adapters.chain.signed_ballots import SignedBallot, batch_arguments, skipped_from
from governance.adapters.sql.chain_tables import ChainTxRow
from governance.adapters.sql.outbox import SqlOutbox
from governance.adapters.sql.tables import OutboxRow

BALLOT_BATCH = 100  # ≈15,000 gas a ballot: ≈1.5M gas a transaction


def signed_ballot(row: OutboxRow) -> SignedBallot:
    p = row.payload
    return SignedBallot(proposal_key=proposal_key(p["proposal"]), support=p["support"],
                        voter=Web3.to_checksum_address(p["wallet"]), nonce=p["nonce"], deadline=p["deadline"],
                        signature=bytes.fromhex(p["signature"].removeprefix("0x")))


def ballots_call(contract: Any, rows: list[OutboxRow], voter_indices: dict[str, int]) -> Any:
    """`castVotesBySig` over the rows, ordered for the least gas (by proposal, then voter index) while a
    wallet's nonces and a member's later ballot keep their outbox order (see `batch_arguments`)."""
    by_wallet = {Web3.to_checksum_address(r.payload["wallet"]): voter_indices[r.payload["voter"]] for r in rows}
    return contract.functions.castVotesBySig(batch_arguments((signed_ballot(r) for r in rows), by_wallet))


def settle_skipped(store: Any, abi: list, tx: ChainTxRow, receipt: Any) -> int:
    """Marks the ballots the ledger skipped as failed (with its reason); returns how many."""
    # Found by wallet and nonce, not position: settling again after a crash finds the same rows.
    rows = {(r.payload["wallet"].lower(), r.payload["nonce"], r.payload["proposal"]): r
            for r in store.rows_of_tx(tx.id)}
    skipped = {}
    for event in store_contract(abi).events.SignedBallotSkipped().process_receipt(receipt, errors=DISCARD):
        refusal = skipped_from(abi, event["args"])
        row = rows.get((refusal.wallet.lower(), refusal.nonce, int.from_bytes(refusal.proposal_key, "big")))
        if row is not None:
            skipped[row.id] = f"the ledger skipped it: {refusal.error}"
    if skipped:
        with store.session() as s:
            outbox = SqlOutbox(s)
            for row_id, reason in skipped.items():
                outbox.skip(row_id, tx, reason)
            s.commit()
    return len(skipped)


def store_contract(abi: list) -> Any:
    return Web3().eth.contract(abi=abi)

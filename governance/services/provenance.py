"""AI provenance: batching records into Merkle trees anchored on-chain, and checking one record.

Each community's records are anchored in its own ledger. `verify_ai` recomputes the
record's hash from the stored JSON, rebuilds its batch's tree, and asks the chain both
whether the root is anchored and whether the record's proof leads to it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from governance.ai.hashing import keccak_hex
from governance.ai.merkle import MerkleTree
from governance.ai.provenance import leaf_hash
from governance.domain.provenance import Anchor
from governance.domain.wording import plural
from governance.errors import NotFound
from governance.ports import Clock, LedgerReader, UnitOfWork
from governance.services import records
from governance.services.verification import VerifyReport

MAX_BATCH = 1_000


def anchor_pending(uow: UnitOfWork, clock: Clock, community_id: int) -> Anchor | None:
    """Puts the community's unanchored records under one new root, queued for the chain."""
    with uow:
        pending = uow.provenance.unanchored(community_id, MAX_BATCH)
        if not pending:
            return None
        tree = MerkleTree(leaf_hash(r.record_hash) for r in pending)
        now = clock.now()
        anchor = uow.provenance.add_anchor(community_id, tree.root_hex, [r.id for r in pending], now)
        uow.outbox.add(records.anchor_record(anchor, now))
        uow.commit()
    return anchor


def verify_ai(uow: UnitOfWork, ledger: LedgerReader, provenance_id: int) -> VerifyReport:
    with uow:
        record = uow.provenance.get(provenance_id) if 0 < provenance_id < 2**31 else None
        if record is None:
            raise NotFound(f"AI output #{provenance_id} has no provenance record.")
        anchor = uow.provenance.anchor(record.anchor_id) if record.anchor_id else None
        members = uow.provenance.members(anchor.id) if anchor else []
    report = VerifyReport(f"AI output #{provenance_id}", ledger.location(record.community_id) if record.community_id else None)
    recomputed = keccak_hex(record.canonical.encode("utf-8"))
    report.add("record hash", recomputed == record.record_hash,
               f"{recomputed[:18]}… from the stored record" if recomputed == record.record_hash
               else "the stored record does not match its hash")
    if anchor is None:
        report.add("anchored", False, "not yet in an anchored batch", pending=True)
        return report
    tree = MerkleTree(leaf_hash(m.record_hash) for m in members)
    report.add("batch root", tree.root_hex == anchor.root,
               f"{plural(anchor.record_count, 'record')} under {anchor.root[:18]}…")
    leaf = leaf_hash(recomputed)
    proof = tree.proof(leaf) if leaf in set(leaf_hash(m.record_hash) for m in members) else []
    anchored_at = ledger.anchored_at(anchor.community_id, anchor.root)
    report.add("root on-chain", anchored_at is not None,
               f"anchored {datetime.fromtimestamp(anchored_at, UTC):%Y-%m-%d %H:%M:%S} UTC" if anchored_at
               else "not on-chain yet", pending=True)
    if anchored_at is not None:
        included = bool(proof) and ledger.provenance_included(anchor.community_id, anchor.root, leaf, proof)
        report.add("inclusion proof", included, f"{plural(len(proof), 'sibling hash', 'sibling hashes')} checked by the ledger contract")
    return report

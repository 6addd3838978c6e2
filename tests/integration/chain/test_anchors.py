"""Anchors of AI provenance batches: stored, emitted, and provable leaf by leaf, with the very
tree and leaves the product anchors (governance.ai.merkle, governance.ai.provenance)."""

import pytest
from eth_utils import keccak

from governance.ai.merkle import MerkleTree
from governance.ai.provenance import leaf_hash

from .helpers import send
from .reverts import expect_revert

pytestmark = pytest.mark.integration

LEAVES = [leaf_hash("0x" + keccak(f"record {n}".encode()).hex()) for n in range(5)]  # odd on purpose
TREE = MerkleTree(LEAVES)
ROOT = TREE.root


def test_an_anchor_is_stored_and_emitted(ledger, roles, chain):
    receipt = send(
        ledger.functions.anchorProvenance(ROOT, len(LEAVES), "ipfs://batch-1"), roles.recorder
    )
    (event,) = ledger.events.ProvenanceAnchored().process_receipt(receipt)
    assert (event.args.root, event.args.recordCount, event.args.uri) == (ROOT, 5, "ipfs://batch-1")
    block = chain.w3.eth.get_block(receipt["blockNumber"])
    assert ledger.functions.anchorOf(ROOT).call() == (block["timestamp"], 5)


def test_every_record_is_provably_included(ledger, roles):
    assert not ledger.functions.isProvenanceIncluded(
        ROOT, LEAVES[0], TREE.proof(LEAVES[0])
    ).call()
    send(ledger.functions.anchorProvenance(ROOT, len(LEAVES), ""), roles.recorder)
    for index, leaf in enumerate(LEAVES):
        assert ledger.functions.isProvenanceIncluded(ROOT, leaf, TREE.proof(LEAVES[index])).call()
    outsider = leaf_hash("0x" + keccak(b"never anchored").hex())
    assert not ledger.functions.isProvenanceIncluded(ROOT, outsider, TREE.proof(LEAVES[0])).call()


def test_bad_or_repeated_anchors_revert(ledger, roles):
    with expect_revert(ledger, "LedgerInvalidAnchor", b"\0" * 32, 3):
        send(ledger.functions.anchorProvenance(b"\0" * 32, 3, ""), roles.recorder)
    with expect_revert(ledger, "LedgerInvalidAnchor", ROOT, 0):
        send(ledger.functions.anchorProvenance(ROOT, 0, ""), roles.recorder)
    send(ledger.functions.anchorProvenance(ROOT, 5, ""), roles.recorder)
    with expect_revert(ledger, "LedgerRootAlreadyAnchored", ROOT):
        send(ledger.functions.anchorProvenance(ROOT, 5, ""), roles.recorder)
    with expect_revert(ledger, "AccessControlUnauthorizedAccount"):
        send(ledger.functions.anchorProvenance(keccak(b"other"), 1, ""), roles.stranger)

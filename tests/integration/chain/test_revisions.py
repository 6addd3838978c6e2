"""Draft revisions: strictly increasing numbers, frozen once the proposal opens."""

import pytest
from eth_utils import keccak

from .helpers import open_proposal, proposal_key, send
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("revisions")
AI_PROVENANCE = keccak(b"provenance record of the model output")


def record(ledger, sender, revision, *, provenance=AI_PROVENANCE, uri=""):
    content = keccak(text=f"revision {revision}")
    return send(ledger.functions.recordRevision(KEY, revision, content, provenance, uri), sender)


def test_revisions_are_stored_and_emitted(ledger, roles):
    receipt = record(ledger, roles.recorder, 1, uri="ipfs://draft-1")
    record(ledger, roles.recorder, 2, provenance=b"\0" * 32)  # written by a person

    assert ledger.functions.latestRevision(KEY).call() == 2
    assert ledger.functions.revisionOf(KEY, 1).call() == (keccak(text="revision 1"), AI_PROVENANCE)
    assert ledger.functions.revisionOf(KEY, 2).call() == (keccak(text="revision 2"), b"\0" * 32)
    (event,) = ledger.events.RevisionRecorded().process_receipt(receipt)
    assert event.args.proposalKey == KEY and event.args.revision == 1
    assert event.args.uri == "ipfs://draft-1"


def test_numbers_may_skip_but_never_repeat_or_go_back(ledger, roles):
    record(ledger, roles.recorder, 1)
    record(ledger, roles.recorder, 5)
    for stale in (5, 3, 0):
        with expect_revert(ledger, "LedgerRevisionNotIncreasing", KEY, stale, 5):
            record(ledger, roles.recorder, stale)


def test_revision_zero_is_never_valid(ledger, roles):
    with expect_revert(ledger, "LedgerRevisionNotIncreasing", KEY, 0, 0):
        record(ledger, roles.recorder, 0)


def test_an_opened_proposal_takes_no_more_revisions(ledger, roles, chain):
    record(ledger, roles.recorder, 1)
    open_proposal(ledger, roles.recorder, KEY, deadline=chain.now() + 3600)
    with expect_revert(ledger, "LedgerProposalAlreadyOpened", KEY):
        record(ledger, roles.recorder, 2)


def test_only_the_recorder_records_revisions(ledger, roles):
    role = ledger.functions.RECORDER_ROLE().call()
    with expect_revert(ledger, "AccessControlUnauthorizedAccount", roles.stranger, role):
        record(ledger, roles.stranger, 1)

"""The recorder's batched votes: one ballot per voter, replaced on change, tally kept on-chain."""

import pytest
from eth_utils import keccak

from governance.adapters.chain.packed_votes import pack_votes, unpack_votes

from .helpers import (
    ABSTAIN,
    AGAINST,
    FOR,
    REGISTERED_VOTERS,
    open_proposal,
    proposal_key,
    record_votes,
    sample_voter_ids,
    send,
    tally,
)
from .reverts import expect_revert

pytestmark = pytest.mark.integration

KEY = proposal_key("attested")


@pytest.fixture
def open_ledger(ledger, roles, chain):
    open_proposal(ledger, roles.recorder, KEY, deadline=chain.now() + 3600)
    return ledger


def ballot(ledger, index):
    return tuple(ledger.functions.ballotOf(KEY, index).call())


def test_a_batch_is_tallied_and_emitted_once(open_ledger, roles):
    votes = [(1, FOR), (2, AGAINST), (3, ABSTAIN), (200, FOR), (REGISTERED_VOTERS, FOR)]
    receipt = record_votes(open_ledger, roles.recorder, KEY, votes)

    assert tally(open_ledger, KEY) == (1, 3, 1)
    assert [ballot(open_ledger, i) for i, _ in votes] == [(True, s) for _, s in votes]
    assert ballot(open_ledger, 4) == (False, 0)
    (event,) = open_ledger.events.VotesRecorded().process_receipt(receipt)
    assert unpack_votes(event.args.packedVotes) == votes  # an indexer can rebuild every vote


def test_a_changed_vote_replaces_the_earlier_one_across_batches(open_ledger, roles):
    record_votes(open_ledger, roles.recorder, KEY, [(1, FOR), (2, FOR)])
    record_votes(open_ledger, roles.recorder, KEY, [(1, AGAINST)])
    assert tally(open_ledger, KEY) == (1, 1, 0)
    assert ballot(open_ledger, 1) == (True, AGAINST)


def test_repeating_the_same_vote_counts_once(open_ledger, roles):
    record_votes(open_ledger, roles.recorder, KEY, [(1, FOR)])
    record_votes(open_ledger, roles.recorder, KEY, [(1, FOR)])
    assert tally(open_ledger, KEY) == (0, 1, 0)


def test_within_a_batch_a_later_entry_for_the_same_voter_replaces_the_earlier(open_ledger, roles):
    # Unsorted and crossing bitmap words, so the cached word is written back and reloaded.
    record_votes(
        open_ledger,
        roles.recorder,
        KEY,
        [(5, FOR), (250, FOR), (5, ABSTAIN), (250, AGAINST), (5, AGAINST)],
    )
    assert tally(open_ledger, KEY) == (2, 0, 0)
    assert ballot(open_ledger, 5) == (True, AGAINST)
    assert ballot(open_ledger, 250) == (True, AGAINST)


def test_zero_lanes_are_padding(open_ledger, roles):
    words = pack_votes([(1, FOR), (2, FOR)])
    words[0] |= (3 << 2 | ABSTAIN) << (5 * 32)  # a lane after a zero gap still counts
    send(open_ledger.functions.recordVotes(KEY, [0, *words, 0]), roles.recorder)
    assert tally(open_ledger, KEY) == (0, 2, 1)


def test_an_unregistered_or_zero_index_reverts_the_whole_batch(open_ledger, roles):
    beyond = REGISTERED_VOTERS + 1
    with expect_revert(open_ledger, "LedgerUnknownVoter", beyond):
        record_votes(open_ledger, roles.recorder, KEY, [(1, FOR), (beyond, FOR)])
    with expect_revert(open_ledger, "LedgerUnknownVoter", 0):
        send(open_ledger.functions.recordVotes(KEY, [FOR]), roles.recorder)  # lane: index 0, For
    assert tally(open_ledger, KEY) == (0, 0, 0)


def test_support_three_is_invalid(open_ledger, roles):
    with expect_revert(open_ledger, "LedgerInvalidSupport", 7, 3):
        send(open_ledger.functions.recordVotes(KEY, [7 << 2 | 3]), roles.recorder)


def test_only_the_recorder_records_votes(open_ledger, roles):
    role = open_ledger.functions.RECORDER_ROLE().call()
    with expect_revert(open_ledger, "AccessControlUnauthorizedAccount", roles.stranger, role):
        record_votes(open_ledger, roles.stranger, KEY, [(1, FOR)])
    with expect_revert(open_ledger, "AccessControlUnauthorizedAccount", roles.admin, role):
        record_votes(
            open_ledger, roles.admin, KEY, [(1, FOR)]
        )  # the admin manages, it does not record


def test_the_admin_revokes_and_grants_the_recorder(open_ledger, roles):
    role = open_ledger.functions.RECORDER_ROLE().call()
    send(open_ledger.functions.revokeRole(role, roles.recorder), roles.admin)
    with expect_revert(open_ledger, "AccessControlUnauthorizedAccount", roles.recorder, role):
        record_votes(open_ledger, roles.recorder, KEY, [(1, FOR)])

    send(open_ledger.functions.grantRole(role, roles.relayer), roles.admin)
    record_votes(open_ledger, roles.relayer, KEY, [(1, FOR)])
    assert tally(open_ledger, KEY) == (0, 1, 0)


def test_nobody_but_the_admin_manages_roles(open_ledger, roles):
    role = open_ledger.functions.RECORDER_ROLE().call()
    admin_role = open_ledger.functions.DEFAULT_ADMIN_ROLE().call()
    with expect_revert(open_ledger, "AccessControlUnauthorizedAccount", roles.recorder, admin_role):
        send(open_ledger.functions.grantRole(role, roles.stranger), roles.recorder)


def test_registration_gives_consecutive_indices_once_per_voter_id(ledger, roles):
    fresh = [keccak(text=f"new member {n}") for n in range(3)]
    receipt = send(ledger.functions.registerVoters(fresh), roles.recorder)
    (event,) = ledger.events.VotersRegistered().process_receipt(receipt)
    assert event.args.firstVoterIndex == REGISTERED_VOTERS + 1
    assert [ledger.functions.voterIndexOf(v).call() for v in fresh] == [
        REGISTERED_VOTERS + n for n in (1, 2, 3)
    ]
    assert ledger.functions.voterCount().call() == REGISTERED_VOTERS + 3

    known = sample_voter_ids(1)[0]
    with expect_revert(ledger, "LedgerVoterAlreadyRegistered", known, 1):
        send(ledger.functions.registerVoters([keccak(b"someone else"), known]), roles.recorder)
    twice = keccak(b"twice in one batch")
    with expect_revert(ledger, "LedgerVoterAlreadyRegistered", twice, REGISTERED_VOTERS + 4):
        send(ledger.functions.registerVoters([twice, twice]), roles.recorder)
    with expect_revert(ledger, "AccessControlUnauthorizedAccount"):
        send(ledger.functions.registerVoters([keccak(b"x")]), roles.stranger)

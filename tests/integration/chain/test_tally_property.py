"""Property: whatever the casts, changes, batch splits and refused ballots, tally and outcome equal a recount."""

import itertools

import pytest
from eth_account import Account
from eth_utils import keccak
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web3.logs import DISCARD

from governance.adapters.chain.signed_ballots import sign, skipped_from, unpack_counted

from .backends import pyevm_chain
from .helpers import (
    REGISTERED_VOTERS,
    deploy_ledger,
    expected_outcome,
    open_proposal,
    proposal_key,
    record_votes,
    roles_of,
    sample_voter_ids,
    send,
    tally,
)

pytestmark = pytest.mark.integration

# Indices near word edges (127/128, 255/256) and a few in between, so batches cross bitmap words
# and voters recur often enough to exercise changes.
VOTERS = st.sampled_from([1, 2, 3, 64, 127, 128, 129, 200, 255, 256, REGISTERED_VOTERS])
CAST = st.tuples(VOTERS, st.integers(0, 2))
BATCHES = st.lists(st.lists(CAST, min_size=1, max_size=12), min_size=1, max_size=4)
_keys = itertools.count()


@pytest.fixture(scope="module")
def setup():
    chain = pyevm_chain()
    roles = roles_of(chain.accounts)
    ledger = deploy_ledger(chain.w3, roles)
    send(ledger.functions.registerVoters(sample_voter_ids(REGISTERED_VOTERS)), roles.recorder)
    return chain, roles, ledger


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batches=BATCHES,
    quorum=st.integers(0, 8),
    threshold_bps=st.sampled_from([0, 5000, 6667, 10_000]),
)
def test_tally_and_outcome_equal_a_python_recount(setup, batches, quorum, threshold_bps):
    chain, roles, ledger = setup
    key = proposal_key(f"property {next(_keys)}")
    deadline = chain.now() + 3600
    open_proposal(
        ledger, roles.recorder, key, deadline=deadline, quorum=quorum, threshold_bps=threshold_bps
    )

    final: dict[int, int] = {}
    for batch in batches:
        record_votes(ledger, roles.recorder, key, batch)
        final.update(batch)  # the last cast per voter wins, within and across batches
    counts = tuple(sum(1 for s in final.values() if s == support) for support in (0, 1, 2))
    assert tally(ledger, key) == counts
    for voter, support in final.items():
        assert tuple(ledger.functions.ballotOf(key, voter).call()) == (True, support)

    chain.travel_to(deadline + 1)
    send(ledger.functions.closeProposal(key), roles.recorder)
    assert ledger.functions.proposalOf(key).call()[4] == expected_outcome(
        quorum, threshold_bps, *counts
    )


# Six wallets; the last two belong to one member (voter 129), so a later ballot of either wins.
WALLETS = [Account.from_key(keccak(text=f"property wallet {n}")) for n in range(6)]
WALLET_VOTERS = [1, 2, 127, 128, 129, 129]
UNLINKED = Account.from_key(keccak(b"property wallet never linked"))
FAULTS = {
    "bad signature": "LedgerInvalidSignature",
    "expired": "LedgerExpiredSignature",
    "wrong nonce": "InvalidAccountNonce",
    "support 3": "LedgerInvalidSupport",
    "unlinked": "LedgerWalletNotLinked",
}
BALLOT = st.tuples(
    st.integers(0, len(WALLETS) - 1),
    st.integers(0, 2),
    st.one_of(st.none(), st.none(), st.sampled_from(sorted(FAULTS))),
)


@pytest.fixture(scope="module")
def linked(setup):
    chain, roles, ledger = setup
    for wallet, index in zip(WALLETS, WALLET_VOTERS):
        send(ledger.functions.linkWallet(wallet.address, index), roles.recorder)
    return setup


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    attested=st.lists(CAST, max_size=6),
    batches=st.lists(st.lists(BALLOT, min_size=1, max_size=8), min_size=1, max_size=3),
)
def test_signed_batches_with_refusals_equal_a_python_recount(linked, attested, batches):
    chain, roles, ledger = linked
    key = proposal_key(f"signed property {next(_keys)}")
    deadline = chain.now() + 3600
    open_proposal(ledger, roles.recorder, key, deadline=deadline)
    chain_id = chain.w3.eth.chain_id
    nonces = {w.address: ledger.functions.nonces(w.address).call() for w in WALLETS}

    final: dict[int, int] = dict(attested)
    if attested:
        record_votes(ledger, roles.recorder, key, attested)
    for batch in batches:
        ballots, expected_counted, expected_skipped = [], [], []
        for position, (n, support, fault) in enumerate(batch):
            wallet, signer = WALLETS[n], WALLETS[n]
            fields = dict(support=support, voter=wallet.address, nonce=nonces[wallet.address])
            fields["deadline"] = deadline
            if fault == "bad signature":
                signer = UNLINKED
            elif fault == "expired":
                fields["deadline"] = chain.now() - 1
            elif fault == "wrong nonce":
                fields["nonce"] += 5
            elif fault == "support 3":
                fields["support"] = 3
            elif fault == "unlinked":
                signer, fields["voter"] = UNLINKED, UNLINKED.address
            ballots.append(
                sign(signer, chain_id=chain_id, ledger=ledger.address, proposal_key=key, **fields)
            )
            if fault:
                expected_skipped.append((position, FAULTS[fault]))
                continue
            index = WALLET_VOTERS[n]
            expected_counted.append((wallet.address, nonces[wallet.address], index, support))
            nonces[wallet.address] += 1
            final[index] = support

        receipt = send(ledger.functions.castVotesBySig([b.as_abi() for b in ballots]), roles.relayer)
        cast = ledger.events.SignedBallotsCast().process_receipt(receipt, errors=DISCARD)
        counted = [
            (c.wallet, c.nonce, c.voter_index, c.support)
            for event in cast
            for c in unpack_counted(event.args.ballots)
        ]
        assert counted == expected_counted
        skipped = ledger.events.SignedBallotSkipped().process_receipt(receipt, errors=DISCARD)
        reasons = [skipped_from(ledger.abi, e.args) for e in skipped]
        assert [(r.position, r.error) for r in reasons] == expected_skipped

    counts = tuple(sum(1 for s in final.values() if s == support) for support in (0, 1, 2))
    assert tally(ledger, key) == counts
    for voter, support in final.items():
        assert tuple(ledger.functions.ballotOf(key, voter).call()) == (True, support)
    assert nonces == {w.address: ledger.functions.nonces(w.address).call() for w in WALLETS}

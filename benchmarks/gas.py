"""Gas per vote: FolkmootLedger's batched votes against OpenZeppelin Governor's castVote(BySig).

    .venv/bin/python benchmarks/gas.py          # embedded py-evm (web3 EthereumTesterProvider)
    .venv/bin/python benchmarks/gas.py --anvil  # and anvil (needs `npm ci --prefix contracts`)

Every figure is a whole transaction's `gasUsed` (21,000 base fee and calldata included) divided
by the votes it carries, measured in this run against an OpenZeppelin Governor
(GovernorCountingSimple + GovernorVotes + ERC20Votes) compiled from contracts/src/bench.
Exits 1 if an attested vote in a batch of 100 costs more than 3,000 gas, or a signed ballot
relayed in a batch of 50 (castVotesBySig) more than 20,000.
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from eth_account import Account
from eth_utils import keccak
from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider

from benchmarks.report import machine_load
from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.eip712 import sign_ballot
from governance.adapters.chain.packed_votes import VOTERS_PER_BITMAP_WORD, pack_votes
from governance.adapters.chain.signed_ballots import batch_arguments, sign
from governance.adapters.chain.voter_ids import voter_id

TARGET_GAS_PER_VOTE = 3_000  # for a batch of 100
TARGET_GAS_PER_SIGNED_BALLOT = 20_000  # for a batch of 50
BATCH_SIZES = (1, 10, 100, 500)
SIGNED_BATCH_SIZES = (1, 10, 50)
REGISTRATION_BATCH = VOTERS_PER_BITMAP_WORD
REGISTERED = 10 * VOTERS_PER_BITMAP_WORD  # enough for the spread-out cases below
GOVERNOR_VOTERS = 9
ATTESTATION_GRACE = 86_400  # the relayer's default; an immutable, so it costs the votes nothing
ANVIL = (
    Path(__file__).resolve().parents[1]
    / "contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
)
SIGNER = Account.from_key(keccak(b"benchmark wallet"))


# --- backends ------------------------------------------------------------------------------------


@contextmanager
def pyevm() -> Iterator[Web3]:
    yield Web3(EthereumTesterProvider())


@contextmanager
def anvil() -> Iterator[Web3]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = ["--host", "127.0.0.1", "--port", str(port)]
    command = [str(ANVIL), *address, "--hardfork", "prague", "--silent"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        w3 = Web3(Web3.HTTPProvider(f"http://127.0.0.1:{port}"))
        for _ in range(200):  # anvil answers within ~0.1 s
            try:
                if w3.eth.chain_id:
                    break
            except Exception:
                time.sleep(0.05)
        else:
            raise TimeoutError("anvil did not answer within 10 s")
        yield w3
    finally:
        process.terminate()
        process.wait(timeout=5)


# --- measurements --------------------------------------------------------------------------------


@dataclass
class Results:
    backend: str
    registration_per_member: float = 0.0
    first_votes: dict[str, float] = field(default_factory=dict)  # case -> gas per vote
    changed_votes: dict[str, float] = field(default_factory=dict)
    governor_cast_vote: float = 0.0  # mean over the voters: the ratios' baseline
    governor_first_cast_vote: int = 0
    governor_cast_vote_by_sig: int = 0
    ledger_sig_new_word: int = 0
    ledger_sig_used_word: int = 0
    signed_batches: dict[str, float] = field(default_factory=dict)  # case -> gas per ballot


class Bench:
    def __init__(self, w3: Web3) -> None:
        self.w3 = w3
        self.accounts = w3.eth.accounts
        self.admin, self.recorder, self.relayer = self.accounts[:3]
        self._keys = iter(range(10**6))

    def send(self, call, sender: str) -> int:
        receipt = self.w3.eth.wait_for_transaction_receipt(call.transact({"from": sender}))
        assert receipt["status"] == 1, receipt
        return receipt["gasUsed"]

    def deploy(self, name: str, *args):
        artifact = load_artifact(name)
        factory = self.w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
        tx = factory.constructor(*args).transact({"from": self.admin})
        address = self.w3.eth.wait_for_transaction_receipt(tx)["contractAddress"]
        return self.w3.eth.contract(address=address, abi=artifact.abi)

    def open_proposal(self, ledger) -> bytes:
        key = keccak(text=f"benchmark proposal {next(self._keys)}")
        deadline = self.w3.eth.get_block("latest")["timestamp"] + 86_400
        self.send(ledger.functions.openProposal(key, keccak(key), deadline, 0, 5000), self.recorder)
        return key

    def record(self, ledger, key: bytes, votes: list[tuple[int, int]]) -> float:
        return self.send(ledger.functions.recordVotes(key, pack_votes(votes)), self.recorder) / len(
            votes
        )


def measure_ledger(bench: Bench, results: Results) -> None:
    ledger = bench.deploy("FolkmootLedger", bench.admin, bench.recorder, ATTESTATION_GRACE)
    salt = keccak(b"benchmark salt")
    ids = [voter_id(salt, 10**17 + n) for n in range(REGISTERED)]
    registration = [
        bench.send(ledger.functions.registerVoters(ids[i : i + REGISTRATION_BATCH]), bench.recorder)
        for i in range(0, REGISTERED, REGISTRATION_BATCH)
    ]
    results.registration_per_member = sum(registration) / REGISTERED

    cases = {f"batch of {n}": list(range(1, n + 1)) for n in BATCH_SIZES}
    cases["100 of 1,280 at random (10 words)"] = sorted(
        random.Random(7).sample(range(1, REGISTERED + 1), 100)
    )
    cases["10, each in its own word (worst)"] = [1 + i * VOTERS_PER_BITMAP_WORD for i in range(10)]
    for case, voters in cases.items():
        key = bench.open_proposal(ledger)
        results.first_votes[case] = bench.record(ledger, key, [(v, v % 3) for v in voters])
        results.changed_votes[case] = bench.record(ledger, key, [(v, (v + 1) % 3) for v in voters])

    # Signed votes on a fresh proposal: the first ballot finds its bitmap word empty, the second
    # (a neighbouring voter) finds it written.
    chain_id = bench.w3.eth.chain_id
    key = bench.open_proposal(ledger)
    deadline = bench.w3.eth.get_block("latest")["timestamp"] + 3_600
    results.ledger_sig_new_word = _ledger_sig_vote(
        bench, ledger, key, SIGNER, 1_200, chain_id, deadline
    )
    second = Account.from_key(keccak(b"second benchmark wallet"))
    results.ledger_sig_used_word = _ledger_sig_vote(
        bench, ledger, key, second, 1_201, chain_id, deadline
    )
    measure_signed_batches(bench, ledger, results)


def measure_signed_batches(bench: Bench, ledger, results: Results) -> None:
    """castVotesBySig, each batch on a fresh proposal (its bitmap words still empty, the costliest
    case), from wallets linked to consecutive voters; then 50 voters scattered over 10 words."""
    size = max(SIGNED_BATCH_SIZES)
    wallets = [Account.from_key(keccak(text=f"benchmark batch wallet {n}")) for n in range(size)]
    consecutive = {w.address: 1 + n for n, w in enumerate(wallets)}
    for address, index in consecutive.items():
        bench.send(ledger.functions.linkWallet(address, index), bench.recorder)
    cases = {f"batch of {n}": list(consecutive.items())[:n] for n in SIGNED_BATCH_SIZES}
    for case, members in cases.items():
        results.signed_batches[case] = _relay_batch(bench, ledger, wallets, members)

    # The same 50 wallets re-linked to voters spread over ten 128-voter words.
    spread = sorted(random.Random(11).sample(range(1, REGISTERED + 1), size))
    for wallet, index in zip(wallets, spread):
        bench.send(ledger.functions.unlinkWallet(wallet.address), bench.recorder)
        bench.send(ledger.functions.linkWallet(wallet.address, index), bench.recorder)
    members = [(w.address, i) for w, i in zip(wallets, spread)]
    case = f"{size} of 1,280 at random (10 words)"
    results.signed_batches[case] = _relay_batch(bench, ledger, wallets, members)


def _relay_batch(bench: Bench, ledger, wallets, members: list[tuple[str, int]]) -> float:
    key = bench.open_proposal(ledger)
    deadline = bench.w3.eth.get_block("latest")["timestamp"] + 3_600
    signer = {w.address: w for w in wallets}
    chain_id = bench.w3.eth.chain_id
    ballots = [
        sign(
            signer[address],
            chain_id=chain_id,
            ledger=ledger.address,
            proposal_key=key,
            support=index % 3,
            voter=address,
            nonce=ledger.functions.nonces(address).call(),
            deadline=deadline,
        )
        for address, index in members
    ]
    call = ledger.functions.castVotesBySig(batch_arguments(ballots, dict(members)))
    gas = bench.send(call, bench.relayer)
    against, for_, abstain = ledger.functions.proposalOf(key).call()[5:]
    assert against + for_ + abstain == len(ballots), "a ballot was skipped: the figure would flatter"
    return gas / len(ballots)


def _ledger_sig_vote(
    bench: Bench, ledger, key: bytes, wallet, index: int, chain_id: int, deadline: int
) -> int:
    bench.send(ledger.functions.linkWallet(wallet.address, index), bench.recorder)
    fields = dict(
        chain_id=chain_id, ledger=ledger.address, proposal_key=key, support=1, voter=wallet.address
    )
    signature = sign_ballot(wallet, **fields, nonce=0, deadline=deadline)
    call = ledger.functions.castVoteBySig(key, 1, wallet.address, 0, deadline, signature)
    return bench.send(call, bench.relayer)


def measure_governor(bench: Bench, results: Results) -> None:
    voters = bench.accounts[1 : 1 + GOVERNOR_VOTERS]
    token = bench.deploy("BenchToken", [*voters, SIGNER.address], 10**18)
    governor = bench.deploy("BenchGovernor", token.address)
    description = "benchmark proposal"
    proposal = ([token.address], [0], [b""], description)
    bench.send(governor.functions.propose(*proposal), bench.admin)
    proposal_id = governor.functions.hashProposal(*proposal[:3], keccak(text=description)).call()
    bench.send(
        token.functions.transfer(bench.admin, 0), bench.admin
    )  # one block later, voting is active

    # Supports cycle For/Against/Abstain: first and later writes of each counter are averaged in.
    casts = [
        bench.send(governor.functions.castVote(proposal_id, (i + 1) % 3), v)
        for i, v in enumerate(voters)
    ]
    results.governor_first_cast_vote, results.governor_cast_vote = casts[0], mean(casts)
    typed = {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "Ballot": [
                {"name": "proposalId", "type": "uint256"},
                {"name": "support", "type": "uint8"},
                {"name": "voter", "type": "address"},
                {"name": "nonce", "type": "uint256"},
            ],
        },
        "primaryType": "Ballot",
        "domain": {
            "name": "BenchGovernor",
            "version": "1",
            "chainId": bench.w3.eth.chain_id,
            "verifyingContract": governor.address,
        },
        "message": {"proposalId": proposal_id, "support": 1, "voter": SIGNER.address, "nonce": 0},
    }
    signature = Account.sign_typed_data(SIGNER.key, full_message=typed).signature
    call = governor.functions.castVoteBySig(proposal_id, 1, SIGNER.address, signature)
    results.governor_cast_vote_by_sig = bench.send(call, bench.relayer)


def run(backend: str) -> Results:
    results = Results(backend)
    with (anvil if backend == "anvil" else pyevm)() as w3:
        bench = Bench(w3)
        measure_governor(bench, results)
        measure_ledger(bench, results)
    return results


# --- report --------------------------------------------------------------------------------------


def report(results: Results) -> None:
    cast = results.governor_cast_vote
    print(f"\n== {results.backend} ==")
    print(
        f"OpenZeppelin Governor castVote: {cast:,.0f} gas (mean of {GOVERNOR_VOTERS} voters; "
        f"the first vote, which writes a fresh counter, {results.governor_first_cast_vote:,})"
    )
    print("attested votes (recordVotes), whole-transaction gas per vote:")
    print(f"{'case':<36}{'new vote':>10}{'vs castVote':>13}{'changed':>10}")
    for case, gas in results.first_votes.items():
        changed = results.changed_votes[case]
        print(f"{case:<36}{gas:>10,.0f}{gas / cast:>12.1%} {changed:>10,.0f}")
    print(
        "(a proposal's first write to each 128-voter bitmap word costs ~22,100 gas, once; "
        "scattered voters pay it more often per vote; 'changed' = a second batch)"
    )
    print(
        f"one-time voter registration: {results.registration_per_member:,.0f} gas per member "
        f"(batches of {REGISTRATION_BATCH}), paid once per member, not per vote"
    )
    print(
        f"signed vote: Governor castVoteBySig {results.governor_cast_vote_by_sig:,} gas; "
        f"FolkmootLedger castVoteBySig {results.ledger_sig_new_word:,} (empty bitmap word) / "
        f"{results.ledger_sig_used_word:,} (word already written)"
    )
    print("signed ballots relayed in batches (castVotesBySig), whole-transaction gas per ballot:")
    for case, gas in results.signed_batches.items():
        ratio = gas / results.governor_cast_vote_by_sig
        print(f"  {case:<34}{gas:>10,.0f}{ratio:>8.1%} of Governor castVoteBySig")
    print(
        f"signed ballots relayed in batches of 50: {results.signed_batches['batch of 50']:,.0f} "
        f"gas per ballot (Governor castVoteBySig {results.governor_cast_vote_by_sig:,} in this run)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anvil", action="store_true", help="also measure on anvil")
    args = parser.parse_args(argv)
    print(machine_load())
    backends = ["py-evm", "anvil"] if args.anvil else ["py-evm"]
    if args.anvil and not ANVIL.exists():
        parser.error(f"anvil not found at {ANVIL}: run `npm ci --prefix contracts`")

    all_results = [run(backend) for backend in backends]
    for results in all_results:
        report(results)

    batch_100 = max(r.first_votes["batch of 100"] for r in all_results)
    signed_50 = max(r.signed_batches["batch of 50"] for r in all_results)
    checks = [
        ("attested votes, batch of 100", batch_100, TARGET_GAS_PER_VOTE),
        ("signed ballots, batch of 50", signed_50, TARGET_GAS_PER_SIGNED_BALLOT),
    ]
    print()
    for label, gas, target in checks:
        verdict = "within" if gas <= target else "OVER"
        print(f"{label}: {gas:,.0f} gas each, {verdict} the {target:,} target")
    return 0 if all(gas <= target for _, gas, target in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

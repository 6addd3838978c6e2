"""A proposal's ballots in one pass: replaying the ledger's vote events instead of one `ballotOf`
call per voter (verify at scale).

Every way a ballot reaches the ledger emits an event carrying it: `VotesRecorded` (the relayer's
packed words, applied lane by lane in order), `VoteCast` (one signed ballot) and `SignedBallotsCast`
(a batch's counted ballots, each word's low 32 bits a lane). Applied in (block, log index) order,
the last ballot of each voter index is what `ballotOf` returns. One `eth_getLogs` per event and
block range, filtered by the proposal's key."""

from __future__ import annotations

from collections.abc import Iterable

from web3 import Web3

from governance.adapters.chain.packed_votes import unpack_votes

RANGE = 2_000  # blocks per eth_getLogs request (as the indexer)
EVENTS = ("VotesRecorded", "VoteCast", "SignedBallotsCast")
_LANE = 2**32 - 1


def replay_ballots(w3: Web3, contract, deployed_block: int, key: bytes) -> dict[int, int]:
    """voter index → support, as the ledger holds it for the proposal `key`."""
    latest = w3.eth.block_number
    found = []
    for start in range(deployed_block, latest + 1, RANGE):
        end = min(latest, start + RANGE - 1)
        for name in EVENTS:
            found += getattr(contract.events, name).get_logs(from_block=start, to_block=end,
                                                             argument_filters={"proposalKey": key})
    ballots: dict[int, int] = {}
    for event in sorted(found, key=lambda e: (e["blockNumber"], e["logIndex"])):
        for voter_index, support in _ballots_of(event["event"], event["args"]):
            ballots[voter_index] = support
    return ballots


def _ballots_of(name: str, args) -> Iterable[tuple[int, int]]:
    if name == "VotesRecorded":
        return unpack_votes(args["packedVotes"])
    if name == "VoteCast":
        return [(args["voterIndex"], args["support"])]
    return [((word & _LANE) >> 2, word & 3) for word in args["ballots"]]

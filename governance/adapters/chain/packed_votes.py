"""The calldata layout of `FolkmootLedger.recordVotes` and its `VotesRecorded` event.

Each uint256 word holds eight 32-bit lanes, lane 0 in the lowest bits; a lane is
`voter_index << 2 | support` (Support: Against=0, For=1, Abstain=2) and a zero lane is padding.
Lanes apply in order, so a later lane for the same voter replaces an earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable

LANES_PER_WORD = 8
LANE_BITS = 32
MAX_VOTER_INDEX = 2**30 - 1
VOTERS_PER_BITMAP_WORD = 128  # voters sharing one storage word of a proposal's ballot bitmap
_LANE_MASK = 2**LANE_BITS - 1


def pack_votes(votes: Iterable[tuple[int, int]]) -> list[int]:
    """Pack (voter_index, support) pairs, in the order given, into uint256 words.

    Send them sorted by voter index when order does not matter: the contract then reads and
    writes each bitmap word once per batch instead of once per change of word.
    """
    words: list[int] = []
    for position, (voter_index, support) in enumerate(votes):
        if not 1 <= voter_index <= MAX_VOTER_INDEX:
            raise ValueError(f"voter index out of range: {voter_index}")
        if support not in (0, 1, 2):
            raise ValueError(f"support must be 0 (Against), 1 (For) or 2 (Abstain), got {support}")
        lane = position % LANES_PER_WORD
        if lane == 0:
            words.append(0)
        words[-1] |= (voter_index << 2 | support) << (lane * LANE_BITS)
    return words


def unpack_votes(words: Iterable[int]) -> list[tuple[int, int]]:
    """The (voter_index, support) pairs of packed words, in application order, padding skipped."""
    votes = []
    for word in words:
        for lane in range(LANES_PER_WORD):
            entry = (word >> (lane * LANE_BITS)) & _LANE_MASK
            if entry:
                votes.append((entry >> 2, entry & 3))
    return votes

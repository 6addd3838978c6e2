// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title BallotBits
/// @notice Bit layouts of the ballot bitmap and the packed tally, kept in one place.
/// @dev Ballot bitmap: 2 bits per voter, 128 voters per word; 0 = no vote, else support + 1.
/// Packed tally: three 32-bit counters, Against at bits 0-31, For at 32-63, Abstain at 64-95.
library BallotBits {
    /// @notice log2 of the voters held by one bitmap word (128).
    uint256 internal constant VOTERS_PER_WORD_LOG2 = 7;

    /// @notice The bitmap word that holds a voter's ballot.
    function wordIndex(uint256 voterIndex) internal pure returns (uint256) {
        return voterIndex >> VOTERS_PER_WORD_LOG2;
    }

    /// @notice The ballot stored for a voter in its word: (voted, support).
    function read(uint256 word, uint256 voterIndex) internal pure returns (bool voted, uint8 support) {
        uint256 slot = (word >> _shift(voterIndex)) & 3;
        if (slot == 0) return (false, 0);
        return (true, uint8(slot - 1));
    }

    /// @notice Writes a voter's ballot into its word and moves the voter's count in the tally.
    /// @dev Caller guarantees `support <= 2`. Unchecked is safe: a counter is decremented only for a ballot
    /// it counted, and cannot exceed the 2^30 voters a lane can name.
    function replace(
        uint256 word,
        uint256 voterIndex,
        uint256 support,
        uint256 tally
    ) internal pure returns (uint256 newWord, uint256 newTally) {
        uint256 shift = _shift(voterIndex);
        uint256 previous = (word >> shift) & 3;
        unchecked {
            if (previous != 0) tally -= 1 << ((previous - 1) << 5);
            newTally = tally + (1 << (support << 5));
            newWord = word ^ ((previous ^ (support + 1)) << shift);
        }
    }

    /// @notice Packs three counters into a tally.
    function packTally(uint32 againstVotes, uint32 forVotes, uint32 abstainVotes) internal pure returns (uint256) {
        return uint256(againstVotes) | (uint256(forVotes) << 32) | (uint256(abstainVotes) << 64);
    }

    /// @notice Unpacks a tally into its three counters.
    function unpackTally(
        uint256 tally
    ) internal pure returns (uint32 againstVotes, uint32 forVotes, uint32 abstainVotes) {
        return (uint32(tally), uint32(tally >> 32), uint32(tally >> 64));
    }

    function _shift(uint256 voterIndex) private pure returns (uint256) {
        return (voterIndex & ((1 << VOTERS_PER_WORD_LOG2) - 1)) << 1;
    }
}

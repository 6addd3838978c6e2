// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {BallotBits} from "./BallotBits.sol";
import {ProposalBook} from "./ProposalBook.sol";
import {VoterRegistry} from "./VoterRegistry.sol";

/// @title AttestedVotes
/// @notice The recorder's batches of Discord members' votes.
/// @dev Gas shape of a batch: one read and one write of the proposal slot (tally), one read and one write
/// per distinct bitmap word touched (128 voters share a word; sending entries sorted by index keeps each
/// word cached in a local), one event carrying the packed input. Nothing is stored per vote.
abstract contract AttestedVotes is ProposalBook, VoterRegistry {
    uint256 private constant _LANE_BITS = 32;
    uint256 private constant _LANE_MASK = (1 << _LANE_BITS) - 1;
    uint256 private constant _NO_WORD = type(uint256).max;

    /// @inheritdoc IFolkmootLedger
    function recordVotes(bytes32 proposalKey, uint256[] calldata packedVotes) external onlyRole(RECORDER_ROLE) {
        Proposal storage proposal = _attestableProposal(proposalKey);
        mapping(uint256 => uint256) storage ballots = _ballots[proposalKey];
        uint256 registered = voterCount();
        uint256 tally = _loadTally(proposal);
        uint256 cachedIndex = _NO_WORD;
        uint256 cachedWord;

        for (uint256 i; i < packedVotes.length; ++i) {
            // Shifting lanes out stops the loop at the first all-zero tail: padding costs nothing.
            for (uint256 lanes = packedVotes[i]; lanes != 0; lanes >>= _LANE_BITS) {
                uint256 entry = lanes & _LANE_MASK;
                if (entry == 0) continue;
                uint256 voterIndex = entry >> 2;
                uint256 support = entry & 3;
                if (support > 2) revert LedgerInvalidSupport(voterIndex, uint8(support));
                unchecked {
                    // Index 0 wraps to the maximum, so one comparison rejects it and unregistered ones.
                    if (voterIndex - 1 >= registered) revert LedgerUnknownVoter(voterIndex);
                }
                uint256 wordIndex = BallotBits.wordIndex(voterIndex);
                if (wordIndex != cachedIndex) {
                    if (cachedIndex != _NO_WORD) ballots[cachedIndex] = cachedWord;
                    cachedIndex = wordIndex;
                    cachedWord = ballots[wordIndex];
                }
                (cachedWord, tally) = BallotBits.replace(cachedWord, voterIndex, support, tally);
            }
        }
        if (cachedIndex != _NO_WORD) ballots[cachedIndex] = cachedWord;
        _storeTally(proposal, tally);
        emit VotesRecorded(proposalKey, packedVotes);
    }
}

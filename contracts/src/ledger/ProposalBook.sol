// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {BallotBits} from "./BallotBits.sol";
import {LedgerAccess} from "./LedgerAccess.sol";

/// @title ProposalBook
/// @notice Proposals' rules, ballot bitmaps, running tallies and outcomes.
/// @dev The rules and the tally share one storage slot, so a batch of votes costs one tally write.
abstract contract ProposalBook is LedgerAccess {
    uint256 private constant _BPS = 10_000;

    mapping(bytes32 proposalKey => Proposal) private _proposals;
    mapping(bytes32 proposalKey => mapping(uint256 word => uint256)) internal _ballots;

    /// @inheritdoc IFolkmootLedger
    function openProposal(
        bytes32 proposalKey,
        bytes32 contentHash,
        uint64 deadline,
        uint32 quorum,
        uint16 thresholdBps
    ) external onlyRole(RECORDER_ROLE) {
        Proposal storage proposal = _proposals[proposalKey];
        if (proposal.deadline != 0) revert LedgerProposalAlreadyOpened(proposalKey);
        if (deadline <= block.timestamp) revert LedgerInvalidDeadline(deadline, block.timestamp);
        if (thresholdBps > _BPS) revert LedgerInvalidThreshold(thresholdBps);
        proposal.contentHash = contentHash;
        proposal.deadline = deadline;
        proposal.quorum = quorum;
        proposal.thresholdBps = thresholdBps;
        emit ProposalOpened(proposalKey, contentHash, deadline, quorum, thresholdBps);
    }

    /// @inheritdoc IFolkmootLedger
    /// @dev Permissionless: the outcome follows from on-chain data alone, so anyone can finalise it.
    function closeProposal(bytes32 proposalKey) external returns (Outcome outcome) {
        Proposal storage proposal = _proposals[proposalKey];
        uint64 deadline = proposal.deadline;
        if (deadline == 0) revert LedgerProposalNotOpened(proposalKey);
        if (proposal.outcome != Outcome.Pending) revert LedgerProposalAlreadyClosed(proposalKey, proposal.outcome);
        if (block.timestamp <= deadline) revert LedgerVotingStillOpen(proposalKey, deadline);
        (uint32 againstVotes, uint32 forVotes, uint32 abstainVotes) = (
            proposal.againstVotes,
            proposal.forVotes,
            proposal.abstainVotes
        );
        outcome = _outcome(proposal.quorum, proposal.thresholdBps, againstVotes, forVotes, abstainVotes);
        proposal.outcome = outcome;
        emit ProposalClosed(proposalKey, outcome, againstVotes, forVotes, abstainVotes);
    }

    /// @inheritdoc IFolkmootLedger
    function proposalOf(bytes32 proposalKey) external view returns (Proposal memory) {
        return _proposals[proposalKey];
    }

    /// @inheritdoc IFolkmootLedger
    function ballotOf(bytes32 proposalKey, uint256 voterIndex) external view returns (bool voted, uint8 support) {
        return BallotBits.read(_ballots[proposalKey][BallotBits.wordIndex(voterIndex)], voterIndex);
    }

    /// @notice The proposal's storage, reverting unless it is open and its deadline has not passed.
    function _votableProposal(bytes32 proposalKey) internal view returns (Proposal storage proposal) {
        proposal = _proposals[proposalKey];
        uint64 deadline = proposal.deadline;
        if (deadline == 0) revert LedgerProposalNotOpened(proposalKey);
        if (block.timestamp > deadline) revert LedgerVotingClosed(proposalKey, deadline);
    }

    /// @notice Casts (or replaces) one voter's ballot on an open proposal.
    /// @dev Caller guarantees `support <= 2` and a registered `voterIndex`.
    function _castVote(bytes32 proposalKey, uint256 voterIndex, uint256 support) internal {
        Proposal storage proposal = _votableProposal(proposalKey);
        mapping(uint256 => uint256) storage ballots = _ballots[proposalKey];
        uint256 wordIndex = BallotBits.wordIndex(voterIndex);
        uint256 tally = _loadTally(proposal);
        uint256 word;
        (word, tally) = BallotBits.replace(ballots[wordIndex], voterIndex, support, tally);
        ballots[wordIndex] = word;
        _storeTally(proposal, tally);
    }

    /// @notice Whether the proposal was opened (which freezes its revisions).
    function _isOpened(bytes32 proposalKey) internal view returns (bool) {
        return _proposals[proposalKey].deadline != 0;
    }

    /// @notice The proposal's counters as one packed tally (see {BallotBits}).
    function _loadTally(Proposal storage proposal) internal view returns (uint256) {
        return BallotBits.packTally(proposal.againstVotes, proposal.forVotes, proposal.abstainVotes);
    }

    /// @notice Stores a packed tally back into the proposal's slot.
    function _storeTally(Proposal storage proposal, uint256 tally) internal {
        (proposal.againstVotes, proposal.forVotes, proposal.abstainVotes) = BallotBits.unpackTally(tally);
    }

    /// @notice The off-chain rule, verbatim: quorum counts every participant; the threshold weighs For
    /// against For + Against only, so abstentions help reach quorum but never decide.
    function _outcome(
        uint256 quorum,
        uint256 thresholdBps,
        uint256 againstVotes,
        uint256 forVotes,
        uint256 abstainVotes
    ) private pure returns (Outcome) {
        if (againstVotes + forVotes + abstainVotes < quorum) return Outcome.NoQuorum;
        if (forVotes * _BPS > thresholdBps * (forVotes + againstVotes)) return Outcome.Passed;
        return Outcome.Rejected;
    }
}

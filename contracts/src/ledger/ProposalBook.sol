// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {BallotBits} from "./BallotBits.sol";
import {LedgerAccess} from "./LedgerAccess.sol";

/// @title ProposalBook
/// @notice Proposals' rules, ballot bitmaps, running tallies and outcomes.
/// @dev The rules, the outcome and the tally share one storage slot, so a batch of votes costs one tally
/// write and its Pending and deadline checks read nothing more. The attestation grace is an immutable.
abstract contract ProposalBook is LedgerAccess {
    /// @notice The longest attestation grace a deployment may set: 30 days.
    uint64 public constant MAX_ATTESTATION_GRACE = 30 days;

    uint256 private constant _BPS = 10_000;

    uint64 private immutable _attestationGrace;

    mapping(bytes32 proposalKey => Proposal) private _proposals;
    mapping(bytes32 proposalKey => mapping(uint256 word => uint256)) internal _ballots;

    /// @param attestationGrace_ Seconds after a deadline during which the recorder may still record attested
    /// votes; 0 to MAX_ATTESTATION_GRACE (0: attested votes stop at the deadline like signed ones).
    constructor(uint64 attestationGrace_) {
        if (attestationGrace_ > MAX_ATTESTATION_GRACE) {
            revert LedgerInvalidAttestationGrace(attestationGrace_, MAX_ATTESTATION_GRACE);
        }
        _attestationGrace = attestationGrace_;
    }

    /// @inheritdoc IFolkmootLedger
    /// @dev The window is the attested votes' (`deadline + attestationGrace`): the database accepted the
    /// proposal before its deadline, so its opening is a record to relay like its votes. A deadline of zero
    /// (the "never opened" mark) always falls outside it.
    function openProposal(
        bytes32 proposalKey,
        bytes32 contentHash,
        uint64 deadline,
        uint32 quorum,
        uint16 thresholdBps
    ) external onlyRole(RECORDER_ROLE) {
        Proposal storage proposal = _proposals[proposalKey];
        if (proposal.deadline != 0) revert LedgerProposalAlreadyOpened(proposalKey);
        uint256 until = _attestationEnd(deadline);
        if (block.timestamp > until) revert LedgerOpeningTooLate(proposalKey, deadline, until);
        if (thresholdBps > _BPS) revert LedgerInvalidThreshold(thresholdBps);
        proposal.contentHash = contentHash;
        proposal.deadline = deadline;
        proposal.quorum = quorum;
        proposal.thresholdBps = thresholdBps;
        emit ProposalOpened(proposalKey, contentHash, deadline, quorum, thresholdBps);
    }

    /// @inheritdoc IFolkmootLedger
    /// @dev Permissionless once the grace has passed: the outcome follows from on-chain data alone, so anyone
    /// can finalise it. Before then only the recorder may: it relays records in outbox order, so when it
    /// closes, every vote the database accepted is already recorded, and nobody can close under its feet.
    function closeProposal(bytes32 proposalKey) external returns (Outcome outcome) {
        Proposal storage proposal = _pendingProposal(proposalKey);
        uint64 deadline = proposal.deadline;
        if (block.timestamp <= deadline) revert LedgerVotingStillOpen(proposalKey, deadline);
        uint256 until = _attestationEnd(deadline);
        if (block.timestamp <= until && !hasRole(RECORDER_ROLE, _msgSender())) {
            revert LedgerAttestationWindowOpen(proposalKey, until);
        }
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
    /// @dev The tally is kept as it stood; the outcome alone records the withdrawal.
    function withdrawProposal(bytes32 proposalKey) external onlyRole(RECORDER_ROLE) {
        _pendingProposal(proposalKey).outcome = Outcome.Withdrawn;
        emit ProposalWithdrawn(proposalKey);
    }

    /// @inheritdoc IFolkmootLedger
    function attestationGrace() external view returns (uint64) {
        return _attestationGrace;
    }

    /// @inheritdoc IFolkmootLedger
    function proposalOf(bytes32 proposalKey) external view returns (Proposal memory) {
        return _proposals[proposalKey];
    }

    /// @inheritdoc IFolkmootLedger
    function ballotOf(bytes32 proposalKey, uint256 voterIndex) external view returns (bool voted, uint8 support) {
        return BallotBits.read(_ballots[proposalKey][BallotBits.wordIndex(voterIndex)], voterIndex);
    }

    /// @notice The proposal's storage, reverting unless it was opened and has no outcome yet.
    function _pendingProposal(bytes32 proposalKey) internal view returns (Proposal storage proposal) {
        proposal = _proposals[proposalKey];
        if (proposal.deadline == 0) revert LedgerProposalNotOpened(proposalKey);
        Outcome outcome = proposal.outcome;
        if (outcome != Outcome.Pending) revert LedgerProposalAlreadyClosed(proposalKey, outcome);
    }

    /// @notice The proposal's storage, reverting unless it is pending and attested votes are still accepted
    /// (`block.timestamp <= deadline + attestationGrace`).
    function _attestableProposal(bytes32 proposalKey) internal view returns (Proposal storage proposal) {
        proposal = _pendingProposal(proposalKey);
        uint256 until = _attestationEnd(proposal.deadline);
        if (block.timestamp > until) revert LedgerAttestationWindowClosed(proposalKey, until);
    }

    /// @notice Why no signed ballot may be cast on the proposal now, as the ABI-encoded error; empty if one may
    /// (opened, pending and `block.timestamp <= deadline`).
    function _signedBallotRefusal(bytes32 proposalKey) internal view returns (bytes memory) {
        Proposal storage proposal = _proposals[proposalKey];
        uint64 deadline = proposal.deadline;
        if (deadline == 0) return abi.encodeWithSelector(LedgerProposalNotOpened.selector, proposalKey);
        Outcome outcome = proposal.outcome;
        if (outcome != Outcome.Pending) {
            return abi.encodeWithSelector(LedgerProposalAlreadyClosed.selector, proposalKey, outcome);
        }
        if (block.timestamp > deadline) {
            return abi.encodeWithSelector(LedgerVotingClosed.selector, proposalKey, deadline);
        }
        return "";
    }

    /// @notice Casts (or replaces) one voter's signed ballot.
    /// @dev Caller guarantees an empty {_signedBallotRefusal}, `support <= 2` and a registered `voterIndex`.
    function _castVote(bytes32 proposalKey, uint256 voterIndex, uint256 support) internal {
        Proposal storage proposal = _proposals[proposalKey];
        mapping(uint256 => uint256) storage ballots = _ballots[proposalKey];
        uint256 wordIndex = BallotBits.wordIndex(voterIndex);
        uint256 tally = _loadTally(proposal);
        uint256 word;
        (word, tally) = BallotBits.replace(ballots[wordIndex], voterIndex, support, tally);
        ballots[wordIndex] = word;
        _storeTally(proposal, tally);
    }

    /// @notice The last second at which the recorder may attest votes, and before which only it may close.
    /// @dev In uint256, so a deadline near the uint64 maximum cannot overflow.
    function _attestationEnd(uint64 deadline) internal view returns (uint256) {
        return uint256(deadline) + _attestationGrace;
    }

    /// @notice The proposal's storage, whatever its state.
    function _proposal(bytes32 proposalKey) internal view returns (Proposal storage) {
        return _proposals[proposalKey];
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

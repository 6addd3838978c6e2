// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title BravoShapedGovernor
/// @notice Test only: the read interface of a Compound GovernorBravo (proposal counter, `quorumVotes()`,
/// no `COUNTING_MODE()`), so detection can be tested. Bravo's own sources need solc 0.5, which the pinned
/// compiler cannot build; folkmoot only reads these getters to recognise one and say it is not supported.
contract BravoShapedGovernor {
    /// @notice Bravo's ballot type hash (the same string as OpenZeppelin 4.x).
    bytes32 public constant BALLOT_TYPEHASH = keccak256("Ballot(uint256 proposalId,uint8 support)");
    string public constant name = "Bravo-shaped Governor";
    uint256 public proposalCount = 93;
    uint256 public initialProposalId = 1;
    uint256 public votingDelay = 13_140;
    uint256 public votingPeriod = 40_320;
    uint256 public proposalThreshold = 1_000_000e18;
    address public immutable timelock;
    address public immutable uni;

    constructor(address timelock_, address token_) {
        timelock = timelock_;
        uni = token_;
    }

    /// @notice Bravo's fixed quorum, in votes (OpenZeppelin's is `quorum(timepoint)`).
    function quorumVotes() external pure returns (uint256) {
        return 40_000_000e18;
    }
}

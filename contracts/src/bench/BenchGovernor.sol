// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title BenchGovernor
/// @notice Gas-benchmark baseline only: the smallest OpenZeppelin Governor that counts token votes.
contract BenchGovernor is Governor, GovernorCountingSimple, GovernorVotes {
    constructor(IVotes token) Governor("BenchGovernor") GovernorVotes(token) {}

    /// @notice Voting starts one block after the proposal.
    function votingDelay() public pure override returns (uint256) {
        return 0;
    }

    /// @notice Voting lasts long enough for any benchmark run.
    function votingPeriod() public pure override returns (uint256) {
        return 100_000;
    }

    /// @notice Quorum is irrelevant to the cost of a vote.
    function quorum(uint256) public pure override returns (uint256) {
        return 1;
    }
}

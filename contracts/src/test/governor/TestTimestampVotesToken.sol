// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestVotesToken} from "./TestVotesToken.sol";

/// @title TestTimestampVotesToken
/// @notice Test only: {TestVotesToken} on a timestamp clock (ERC-6372 `mode=timestamp`), so a Governor
/// over it counts its voting delay and period in seconds.
contract TestTimestampVotesToken is TestVotesToken {
    constructor(string memory name_, string memory symbol_, address[] memory holders, uint256[] memory amounts)
        TestVotesToken(name_, symbol_, holders, amounts)
    {}

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts-v4/governance/TimelockController.sol";

/// @title TestTimelockV4
/// @notice Test only: OpenZeppelin Contracts 4.9's TimelockController as it is.
contract TestTimelockV4 is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}

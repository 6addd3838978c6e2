// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title BenchToken
/// @notice Gas-benchmark baseline only: a plain ERC20Votes token whose holders start self-delegated,
/// so every holder has voting power in {BenchGovernor} without a delegate transaction each.
contract BenchToken is ERC20, ERC20Votes {
    /// @param holders Accounts minted `amount` each and delegated to themselves.
    constructor(address[] memory holders, uint256 amount) ERC20("Bench Vote", "BVOTE") EIP712("Bench Vote", "1") {
        for (uint256 i; i < holders.length; ++i) {
            _mint(holders[i], amount);
            _delegate(holders[i], holders[i]);
        }
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

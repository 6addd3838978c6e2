// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestPlainToken
/// @notice Test only: an ERC-20 without votes (no checkpoints, no delegation), with a chosen number of
/// decimals: a treasury asset in proposals, or the wrong token under a Governor.
contract TestPlainToken is ERC20 {
    uint8 private immutable _decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_, address holder, uint256 amount)
        ERC20(name_, symbol_)
    {
        _decimals = decimals_;
        _mint(holder, amount);
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}

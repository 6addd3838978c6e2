// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts-v4/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts-v4/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts-v4/token/ERC20/extensions/ERC20Votes.sol";

/// @title TestVotesTokenV4
/// @notice Test only: an OpenZeppelin Contracts 4.9 ERC20Votes token with permit, as older DAOs deployed it.
contract TestVotesTokenV4 is ERC20, ERC20Permit, ERC20Votes {
    /// @param holders Accounts minted `amounts[i]` each.
    constructor(string memory name_, string memory symbol_, address[] memory holders, uint256[] memory amounts)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
    {
        for (uint256 i; i < holders.length; ++i) {
            _mint(holders[i], amounts[i]);
        }
    }

    function _afterTokenTransfer(address from, address to, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._afterTokenTransfer(from, to, amount);
    }

    function _mint(address to, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._mint(to, amount);
    }

    function _burn(address account, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._burn(account, amount);
    }
}

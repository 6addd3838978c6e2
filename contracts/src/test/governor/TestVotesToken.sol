// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title TestVotesToken
/// @notice Test only: an OpenZeppelin 5 ERC20Votes token with permit (and delegation by signature),
/// block-number clock. Holders start undelegated, as on a real DAO: they must delegate to vote.
contract TestVotesToken is ERC20, ERC20Permit, ERC20Votes {
    /// @param holders Accounts minted `amounts[i]` each.
    constructor(string memory name_, string memory symbol_, address[] memory holders, uint256[] memory amounts)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
    {
        for (uint256 i; i < holders.length; ++i) {
            _mint(holders[i], amounts[i]);
        }
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IFolkmootLedger} from "../IFolkmootLedger.sol";

/// @title LedgerAccess
/// @notice Roles shared by every part of the ledger: the admin (DEFAULT_ADMIN_ROLE, the community's
/// multisig or deployer) grants and revokes the recorder (RECORDER_ROLE, the bot's key), which alone writes.
abstract contract LedgerAccess is IFolkmootLedger, AccessControl {
    /// @notice Role of the bot key that records revisions, proposals, voters, attested votes and anchors.
    bytes32 public constant RECORDER_ROLE = keccak256("RECORDER_ROLE");
}

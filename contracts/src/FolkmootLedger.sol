// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {AttestedVotes} from "./ledger/AttestedVotes.sol";
import {DraftRevisions} from "./ledger/DraftRevisions.sol";
import {ProvenanceAnchors} from "./ledger/ProvenanceAnchors.sol";
import {SignedVotes} from "./ledger/SignedVotes.sol";

/// @title FolkmootLedger
/// @notice One community's governance record; see {IFolkmootLedger} for the data model.
/// @dev One deployment per community rather than one contract for all: roles, voter indices, nonces and
/// the EIP-712 domain are then naturally per community, no call carries a community id, and a community can
/// move chains or hand its admin role to its own multisig without touching anyone else's record.
contract FolkmootLedger is DraftRevisions, AttestedVotes, SignedVotes, ProvenanceAnchors {
    /// @param admin Holds DEFAULT_ADMIN_ROLE: grants and revokes the recorder.
    /// @param recorder The bot's key; may be zero and granted later.
    constructor(address admin, address recorder) EIP712("FolkmootLedger", "1") {
        if (admin == address(0)) revert LedgerInvalidAdmin(admin);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (recorder != address(0)) _grantRole(RECORDER_ROLE, recorder);
    }
}

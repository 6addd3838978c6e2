// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {AttestedVotes} from "./ledger/AttestedVotes.sol";
import {DraftRevisions} from "./ledger/DraftRevisions.sol";
import {ProposalBook} from "./ledger/ProposalBook.sol";
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
    /// @param attestationGrace Seconds after each proposal's deadline during which the recorder may still record
    /// the attested votes the database accepted before it (a relayer's delay or an RPC outage); at most
    /// `MAX_ATTESTATION_GRACE` (30 days), 0 allowed. Signed ballots never get it. Fixed for the deployment.
    constructor(
        address admin,
        address recorder,
        uint64 attestationGrace
    ) EIP712("FolkmootLedger", "1") ProposalBook(attestationGrace) {
        if (admin == address(0)) revert LedgerInvalidAdmin(admin);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (recorder != address(0)) _grantRole(RECORDER_ROLE, recorder);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {LedgerAccess} from "./LedgerAccess.sol";

/// @title ProvenanceAnchors
/// @notice Merkle roots of batches of AI provenance records: one slot per batch, however many records.
abstract contract ProvenanceAnchors is LedgerAccess {
    mapping(bytes32 root => Anchor) private _anchors;

    /// @inheritdoc IFolkmootLedger
    function anchorProvenance(bytes32 root, uint32 recordCount, string calldata uri) external onlyRole(RECORDER_ROLE) {
        if (root == bytes32(0) || recordCount == 0) revert LedgerInvalidAnchor(root, recordCount);
        if (_anchors[root].anchoredAt != 0) revert LedgerRootAlreadyAnchored(root);
        _anchors[root] = Anchor(uint64(block.timestamp), recordCount);
        emit ProvenanceAnchored(root, recordCount, uri);
    }

    /// @inheritdoc IFolkmootLedger
    function anchorOf(bytes32 root) external view returns (Anchor memory) {
        return _anchors[root];
    }

    /// @inheritdoc IFolkmootLedger
    function isProvenanceIncluded(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        return _anchors[root].anchoredAt != 0 && MerkleProof.verifyCalldata(proof, root, leaf);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {ProposalBook} from "./ProposalBook.sol";

/// @title DraftRevisions
/// @notice Content and provenance hashes of each draft revision, in strictly increasing revision order.
/// @dev Gaps are allowed (the order is what matters); a resent revision reverts, which tells a relayer
/// it already landed.
abstract contract DraftRevisions is ProposalBook {
    mapping(bytes32 proposalKey => uint256) private _latestRevision;
    mapping(bytes32 proposalKey => mapping(uint256 revision => Revision)) private _revisions;

    /// @inheritdoc IFolkmootLedger
    function recordRevision(
        bytes32 proposalKey,
        uint256 revision,
        bytes32 contentHash,
        bytes32 provenanceHash,
        string calldata uri
    ) external onlyRole(RECORDER_ROLE) {
        if (_isOpened(proposalKey)) revert LedgerProposalAlreadyOpened(proposalKey);
        uint256 latest = _latestRevision[proposalKey];
        if (revision <= latest) revert LedgerRevisionNotIncreasing(proposalKey, revision, latest);
        _latestRevision[proposalKey] = revision;
        _revisions[proposalKey][revision] = Revision(contentHash, provenanceHash);
        emit RevisionRecorded(proposalKey, revision, contentHash, provenanceHash, uri);
    }

    /// @inheritdoc IFolkmootLedger
    function latestRevision(bytes32 proposalKey) external view returns (uint256) {
        return _latestRevision[proposalKey];
    }

    /// @inheritdoc IFolkmootLedger
    function revisionOf(bytes32 proposalKey, uint256 revision) external view returns (Revision memory) {
        return _revisions[proposalKey][revision];
    }
}

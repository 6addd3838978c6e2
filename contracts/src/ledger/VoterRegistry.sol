// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {LedgerAccess} from "./LedgerAccess.sol";

/// @title VoterRegistry
/// @notice Gives each pseudonymous voter id a small index once, so votes can name voters in 30 bits and
/// share bitmap words; links wallets to those indices for signed votes.
/// @dev Registration costs one storage slot per member, paid once for the community's lifetime; it keeps
/// one index per voter id, which is what makes one-vote-per-voter hold on-chain.
abstract contract VoterRegistry is LedgerAccess {
    /// @notice The largest index a 32-bit packed lane (30 bits of index, 2 of support) can carry.
    uint256 public constant MAX_VOTERS = (1 << 30) - 1;

    uint256 private _voterCount;
    mapping(bytes32 voterId => uint256) private _voterIndex;
    mapping(address wallet => uint256) private _walletVoter;

    /// @inheritdoc IFolkmootLedger
    function registerVoters(
        bytes32[] calldata voterIds
    ) external onlyRole(RECORDER_ROLE) returns (uint256 firstVoterIndex) {
        uint256 count = _voterCount;
        firstVoterIndex = count + 1;
        if (count + voterIds.length > MAX_VOTERS) revert LedgerVoterLimitReached(MAX_VOTERS);
        for (uint256 i; i < voterIds.length; ++i) {
            bytes32 voterId = voterIds[i];
            uint256 existing = _voterIndex[voterId];
            if (existing != 0) revert LedgerVoterAlreadyRegistered(voterId, existing);
            _voterIndex[voterId] = ++count;
        }
        _voterCount = count;
        emit VotersRegistered(firstVoterIndex, voterIds);
    }

    /// @inheritdoc IFolkmootLedger
    function linkWallet(address wallet, uint256 voterIndex) external onlyRole(RECORDER_ROLE) {
        if (voterIndex == 0 || voterIndex > _voterCount) revert LedgerUnknownVoter(voterIndex);
        uint256 linked = _walletVoter[wallet];
        if (linked != 0) revert LedgerWalletAlreadyLinked(wallet, linked);
        _walletVoter[wallet] = voterIndex;
        emit WalletLinked(wallet, voterIndex);
    }

    /// @inheritdoc IFolkmootLedger
    function unlinkWallet(address wallet) external onlyRole(RECORDER_ROLE) {
        uint256 linked = _walletVoter[wallet];
        if (linked == 0) revert LedgerWalletNotLinked(wallet);
        delete _walletVoter[wallet];
        emit WalletUnlinked(wallet, linked);
    }

    /// @inheritdoc IFolkmootLedger
    function voterCount() public view returns (uint256) {
        return _voterCount;
    }

    /// @inheritdoc IFolkmootLedger
    function voterIndexOf(bytes32 voterId) external view returns (uint256) {
        return _voterIndex[voterId];
    }

    /// @inheritdoc IFolkmootLedger
    function walletVoterIndex(address wallet) public view returns (uint256) {
        return _walletVoter[wallet];
    }
}

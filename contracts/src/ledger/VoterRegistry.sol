// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {LedgerAccess} from "./LedgerAccess.sol";

/// @title VoterRegistry
/// @notice Gives each pseudonymous voter id a small index once, so votes can name voters in 30 bits and
/// share bitmap words; links wallets to those indices for signed votes, and keeps the wallets' nonces.
/// @dev Registration costs one storage slot per member, paid once for the community's lifetime; it keeps
/// one index per voter id, which is what makes one-vote-per-voter hold on-chain.
/// A wallet's link and nonce share one slot (`nonce << 32 | voterIndex`), so a signed ballot costs one cold
/// read and one write of an already non-zero slot, instead of two cold reads and, for a wallet's first
/// ballot, a zero-to-non-zero write (22,100 gas). Unlinking zeroes the index and advances the nonce.
abstract contract VoterRegistry is LedgerAccess {
    /// @notice The largest index a 32-bit packed lane (30 bits of index, 2 of support) can carry.
    uint256 public constant MAX_VOTERS = (1 << 30) - 1;

    uint256 private constant _INDEX_BITS = 32;
    uint256 private constant _INDEX_MASK = (1 << _INDEX_BITS) - 1;
    uint256 private constant _ONE_NONCE = 1 << _INDEX_BITS;

    uint256 private _voterCount;
    mapping(bytes32 voterId => uint256) private _voterIndex;
    mapping(address wallet => uint256) private _wallets; // nonce << 32 | voterIndex (0: not linked)

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
        uint256 state = _wallets[wallet];
        uint256 linked = state & _INDEX_MASK;
        if (linked != 0) revert LedgerWalletAlreadyLinked(wallet, linked);
        _wallets[wallet] = state | voterIndex;
        emit WalletLinked(wallet, voterIndex);
    }

    /// @inheritdoc IFolkmootLedger
    /// @dev Advancing the nonce revokes every ballot the wallet signed under this link and nobody relayed yet: a
    /// wallet later linked again (to this voter or, after changing hands, to another) starts from fresh ballots.
    function unlinkWallet(address wallet) external onlyRole(RECORDER_ROLE) {
        uint256 state = _wallets[wallet];
        uint256 linked = state & _INDEX_MASK;
        if (linked == 0) revert LedgerWalletNotLinked(wallet);
        _wallets[wallet] = (state ^ linked) + _ONE_NONCE;
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
    function walletVoterIndex(address wallet) external view returns (uint256) {
        return _wallets[wallet] & _INDEX_MASK;
    }

    /// @inheritdoc IFolkmootLedger
    function nonces(address wallet) external view returns (uint256) {
        return _wallets[wallet] >> _INDEX_BITS;
    }

    /// @notice A wallet's slot, read once per ballot: split it with {_linkedVoter} and {_currentNonce}.
    function _walletState(address wallet) internal view returns (uint256) {
        return _wallets[wallet];
    }

    /// @notice The voter index in a wallet's state (0: not linked).
    function _linkedVoter(uint256 state) internal pure returns (uint256) {
        return state & _INDEX_MASK;
    }

    /// @notice The nonce in a wallet's state.
    function _currentNonce(uint256 state) internal pure returns (uint256) {
        return state >> _INDEX_BITS;
    }

    /// @notice Consumes the wallet's current nonce, given the state just read by {_walletState}.
    /// @dev Unchecked: the nonce would need 2^224 ballots to overflow.
    function _useNonce(address wallet, uint256 state) internal {
        unchecked {
            _wallets[wallet] = state + _ONE_NONCE;
        }
    }
}

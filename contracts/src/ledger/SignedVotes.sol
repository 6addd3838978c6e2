// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {ProposalBook} from "./ProposalBook.sol";
import {VoterRegistry} from "./VoterRegistry.sol";

/// @title SignedVotes
/// @notice Wallet holders vote with an EIP-712 `Ballot` that anyone may relay.
/// @dev The wallet must be linked to a registered voter, and the ballot lands in that voter's slot: a
/// member cannot vote twice, once through Discord and once by wallet; the later vote replaces the earlier.
/// Explicit nonces (not OZ Governor's implicit one) let a relayer tell a stale ballot from a bad signature.
abstract contract SignedVotes is ProposalBook, VoterRegistry, EIP712, Nonces {
    /// @notice EIP-712 type hash of the signed ballot.
    bytes32 public constant BALLOT_TYPEHASH =
        keccak256("Ballot(bytes32 proposalKey,uint8 support,address voter,uint256 nonce,uint256 deadline)");

    /// @inheritdoc IFolkmootLedger
    function castVoteBySig(
        bytes32 proposalKey,
        uint8 support,
        address voter,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        uint256 voterIndex = _useBallot(proposalKey, support, voter, nonce, deadline, signature);
        _castVote(proposalKey, voterIndex, support);
        emit VoteCast(proposalKey, voter, voterIndex, support);
    }

    /// @notice Checks a signed ballot and consumes its nonce; returns the linked voter's index.
    /// @dev The nonce is consumed before the signature is checked; a bad signature reverts both.
    function _useBallot(
        bytes32 proposalKey,
        uint8 support,
        address voter,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) private returns (uint256 voterIndex) {
        if (block.timestamp > deadline) revert LedgerExpiredSignature(deadline);
        voterIndex = walletVoterIndex(voter);
        if (voterIndex == 0) revert LedgerWalletNotLinked(voter);
        if (support > 2) revert LedgerInvalidSupport(voterIndex, support);
        _useCheckedNonce(voter, nonce);
        bytes32 structHash = keccak256(abi.encode(BALLOT_TYPEHASH, proposalKey, support, voter, nonce, deadline));
        if (!SignatureChecker.isValidSignatureNowCalldata(voter, _hashTypedDataV4(structHash), signature)) {
            revert LedgerInvalidSignature(voter);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IFolkmootLedger} from "../IFolkmootLedger.sol";
import {BallotBits} from "./BallotBits.sol";
import {ProposalBook} from "./ProposalBook.sol";
import {VoterRegistry} from "./VoterRegistry.sol";

/// @title SignedVotes
/// @notice Wallet holders vote with an EIP-712 `Ballot` that anyone may relay, one at a time or in batches.
/// @dev The wallet must be linked to a registered voter, and the ballot lands in that voter's slot: a
/// member cannot vote twice, once through Discord and once by wallet; the later vote replaces the earlier.
/// Explicit nonces (not OZ Governor's implicit one) let a relayer tell a stale ballot from a bad signature.
/// One check, {_refusal}, serves both entry points, so a batch skips exactly what a single call refuses.
/// Gas shape of a batch: per ballot, one cold read and one write of the wallet's slot (link and nonce), one
/// ecrecover, two small keccaks and one 32-byte word of event data; per run of ballots on one proposal, one
/// tally write, one read and write per bitmap word touched and one event. The domain separator is read once.
abstract contract SignedVotes is ProposalBook, VoterRegistry, EIP712 {
    /// @notice EIP-712 type hash of the signed ballot.
    bytes32 public constant BALLOT_TYPEHASH =
        keccak256("Ballot(bytes32 proposalKey,uint8 support,address voter,uint256 nonce,uint256 deadline)");

    uint256 private constant _NO_WORD = type(uint256).max;

    /// @notice A batch's working copy of the proposal its current run of ballots names.
    /// @param refusal Why the proposal takes no signed ballot now ({_signedBallotRefusal}), or empty.
    /// @param wordIndex The bitmap word held in `word`, or `_NO_WORD`.
    /// @param counted The run's counted ballots so far, as {SignedBallotsCast} emits them.
    struct Run {
        bytes32 proposalKey;
        bytes refusal;
        uint256 tally;
        uint256 wordIndex;
        uint256 word;
        uint256[] counted;
        uint256 countedLength;
    }

    /// @inheritdoc IFolkmootLedger
    function castVoteBySig(
        bytes32 proposalKey,
        uint8 support,
        address voter,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes memory proposalRefusal = _signedBallotRefusal(proposalKey);
        (uint256 wallet, bytes memory refusal) = _refusal(
            _domainSeparatorV4(),
            proposalRefusal,
            proposalKey,
            support,
            voter,
            nonce,
            deadline,
            signature
        );
        if (refusal.length != 0) _revertWith(refusal);
        _useNonce(voter, wallet);
        uint256 voterIndex = _linkedVoter(wallet);
        _castVote(proposalKey, voterIndex, support);
        emit VoteCast(proposalKey, voter, voterIndex, support);
    }

    /// @inheritdoc IFolkmootLedger
    function castVotesBySig(SignedBallot[] calldata ballots) external {
        if (ballots.length == 0) return;
        bytes32 domainSeparator = _domainSeparatorV4();
        // One buffer for every run's counted ballots: a run starts filling it from the beginning again.
        uint256[] memory counted = new uint256[](ballots.length);
        Run memory run = _startRun(ballots[0].proposalKey, counted);
        for (uint256 i; i < ballots.length; ++i) {
            SignedBallot calldata ballot = ballots[i];
            if (ballot.proposalKey != run.proposalKey) {
                _endRun(run);
                run = _startRun(ballot.proposalKey, counted);
            }
            (uint256 wallet, bytes memory refusal) = _refusal(
                domainSeparator,
                run.refusal,
                ballot.proposalKey,
                ballot.support,
                ballot.voter,
                ballot.nonce,
                ballot.deadline,
                ballot.signature
            );
            if (refusal.length != 0) {
                emit SignedBallotSkipped(ballot.proposalKey, ballot.voter, i, ballot.nonce, refusal);
                continue;
            }
            _useNonce(ballot.voter, wallet);
            _count(run, ballot.voter, _linkedVoter(wallet), ballot.nonce, ballot.support);
        }
        _endRun(run);
    }

    /// @notice Checks a signed ballot without changing anything: the wallet's state (for {_useNonce}) and the
    /// ABI-encoded error of the first check that fails, empty if none does.
    /// @param proposalRefusal The proposal's {_signedBallotRefusal}, computed once per batch run.
    function _refusal(
        bytes32 domainSeparator,
        bytes memory proposalRefusal,
        bytes32 proposalKey,
        uint8 support,
        address voter,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) private view returns (uint256 wallet, bytes memory refusal) {
        if (block.timestamp > deadline) {
            return (0, abi.encodeWithSelector(LedgerExpiredSignature.selector, deadline));
        }
        if (proposalRefusal.length != 0) return (0, proposalRefusal);
        wallet = _walletState(voter);
        uint256 voterIndex = _linkedVoter(wallet);
        if (voterIndex == 0) return (0, abi.encodeWithSelector(LedgerWalletNotLinked.selector, voter));
        if (support > 2) return (0, abi.encodeWithSelector(LedgerInvalidSupport.selector, voterIndex, support));
        uint256 current = _currentNonce(wallet);
        if (nonce != current) return (0, abi.encodeWithSelector(InvalidAccountNonce.selector, voter, current));
        bytes32 digest = MessageHashUtils.toTypedDataHash(
            domainSeparator,
            _ballotHash(proposalKey, support, voter, nonce, deadline)
        );
        if (!_isValidSignature(voter, digest, signature)) {
            return (0, abi.encodeWithSelector(LedgerInvalidSignature.selector, voter));
        }
    }

    /// @notice `keccak256(abi.encode(BALLOT_TYPEHASH, proposalKey, support, voter, nonce, deadline))`, hashed in
    /// the free memory without claiming it, so a batch's memory (and its quadratic cost) does not grow per ballot.
    function _ballotHash(
        bytes32 proposalKey,
        uint8 support,
        address voter,
        uint256 nonce,
        uint256 deadline
    ) private pure returns (bytes32 structHash) {
        bytes32 typeHash = BALLOT_TYPEHASH;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            mstore(add(ptr, 0x20), proposalKey)
            mstore(add(ptr, 0x40), support)
            mstore(add(ptr, 0x60), voter)
            mstore(add(ptr, 0x80), nonce)
            mstore(add(ptr, 0xa0), deadline)
            structHash := keccak256(ptr, 0xc0)
        }
    }

    /// @notice ECDSA first, then ERC-1271. An EOA thus costs no EXTCODESIZE (2,600 gas cold), which OpenZeppelin's
    /// `SignatureChecker` spends first. Safe: nobody holds a key whose address is a deployed contract's, and for
    /// an EIP-7702 account the key is the account's own authority anyway.
    function _isValidSignature(address voter, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (recoverError == ECDSA.RecoverError.NoError && recovered == voter) return true;
        return SignatureChecker.isValidERC1271SignatureNowCalldata(voter, digest, signature);
    }

    /// @notice Loads a proposal for a run of ballots: its refusal, tally and no cached word yet.
    function _startRun(bytes32 proposalKey, uint256[] memory counted) private view returns (Run memory run) {
        run.proposalKey = proposalKey;
        run.refusal = _signedBallotRefusal(proposalKey);
        if (run.refusal.length == 0) run.tally = _loadTally(_proposal(proposalKey));
        run.wordIndex = _NO_WORD;
        run.counted = counted;
    }

    /// @notice Counts one checked ballot in the run: its voter's bitmap word (cached), the tally, the event word.
    function _count(Run memory run, address voter, uint256 voterIndex, uint256 nonce, uint256 support) private {
        uint256 wordIndex = BallotBits.wordIndex(voterIndex);
        if (wordIndex != run.wordIndex) {
            mapping(uint256 => uint256) storage ballots = _ballots[run.proposalKey];
            if (run.wordIndex != _NO_WORD) ballots[run.wordIndex] = run.word;
            run.wordIndex = wordIndex;
            run.word = ballots[wordIndex];
        }
        (run.word, run.tally) = BallotBits.replace(run.word, voterIndex, support, run.tally);
        // nonce < 2^64: it would take 2^64 ballots to get there.
        run.counted[run.countedLength++] = (uint256(uint160(voter)) << 96) | (nonce << 32) | (voterIndex << 2) | support;
    }

    /// @notice Writes a run's cached word and tally back and emits its counted ballots, if it counted any.
    function _endRun(Run memory run) private {
        uint256 length = run.countedLength;
        if (length == 0) return;
        _ballots[run.proposalKey][run.wordIndex] = run.word;
        _storeTally(_proposal(run.proposalKey), run.tally);
        uint256[] memory counted = run.counted;
        uint256 capacity = counted.length;
        assembly ("memory-safe") {
            mstore(counted, length) // emit only the run's words...
        }
        emit SignedBallotsCast(run.proposalKey, counted);
        assembly ("memory-safe") {
            mstore(counted, capacity) // ...and give the next run the whole buffer back
        }
    }

    /// @notice Reverts with an ABI-encoded error as it is.
    function _revertWith(bytes memory encodedError) private pure {
        assembly ("memory-safe") {
            revert(add(encodedError, 0x20), mload(encodedError))
        }
    }
}

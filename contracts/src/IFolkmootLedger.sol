// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IFolkmootLedger
/// @notice Tamper-evident record of one community's governance: draft revisions, proposals and their
/// outcomes, attested and signed votes, and anchors of AI provenance records.
/// @dev Vocabulary follows OpenZeppelin's Governor: Support is Against = 0, For = 1, Abstain = 2.
///
/// Voters. A Discord member appears only as a pseudonymous voter id
/// `keccak256(abi.encodePacked(bytes32 salt, uint64 discordId))`, the salt being a per-community secret.
/// The recorder registers each voter id once; the ledger gives it the next voter index (1, 2, 3...).
/// Every vote, attested or signed, lands in that index's 2-bit slot of the proposal's ballot bitmap, so a
/// member votes at most once per proposal and a later vote replaces the earlier one.
///
/// Packed votes. `recordVotes` takes uint256 words of eight 32-bit lanes, lane 0 in the lowest bits; each
/// lane is `voterIndex << 2 | support`. A zero lane is padding. Lanes apply in order, so a later lane for
/// the same voter replaces an earlier one, exactly as if it came in a later batch.
///
/// Attestation grace. Off-chain, a vote is accepted while `now` is before the deadline, and the recorder
/// relays it moments later (longer if its RPC node was down). So the recorder's records of a proposal, its
/// {openProposal} and {recordVotes}, are accepted until `deadline + attestationGrace`, a per-deployment
/// constant, while wallets' signed ballots, which arrive live, stop at `deadline`. An opening that reaches
/// the chain after its deadline keeps that deadline: the proposal takes no signed ballot, only the recorder's
/// votes and close. The recorder relays records in order and may close right after the deadline; anyone
/// else may close only once the grace has passed, so a late attestation cannot be shut out by an early
/// permissionless close.
///
/// Signed ballots. A wallet signs the EIP-712 `Ballot(bytes32 proposalKey,uint8 support,address voter,
/// uint256 nonce,uint256 deadline)` in the domain ("FolkmootLedger", "1", chainId, ledger); the same signature
/// works in {castVoteBySig} (one ballot, reverts on a refusal) and {castVotesBySig} (a batch, skips a refused
/// ballot with {SignedBallotSkipped} and counts the rest). Both check, in this order: the signature's
/// deadline, the proposal (opened, pending, not past its deadline), the wallet's link, the support, the
/// nonce, the signature (ECDSA, else ERC-1271); the refusal is the error of the first check that fails.
/// A nonce is consumed only by a counted ballot.
interface IFolkmootLedger {
    /// @notice How a proposal ended; `Pending` until {closeProposal} or {withdrawProposal} runs.
    /// @dev Append-only: the values are stored and read off-chain by number (Withdrawn = 4).
    enum Outcome {
        Pending,
        Passed,
        Rejected,
        NoQuorum,
        Withdrawn
    }

    /// @notice A draft revision as recorded.
    /// @param contentHash Hash of the revision's text.
    /// @param provenanceHash Hash of the AI output's provenance record; zero when a person wrote it.
    struct Revision {
        bytes32 contentHash;
        bytes32 provenanceHash;
    }

    /// @notice A proposal's rules, running tally and outcome.
    /// @param contentHash Hash of the final published text.
    /// @param deadline Last second (unix time) at which signed ballots are accepted; the recorder's attested
    /// votes are accepted for `attestationGrace()` seconds more.
    /// @param quorum Voters (For + Against + Abstain) required for a result.
    /// @param thresholdBps Passed iff `forVotes * 10000 > thresholdBps * (forVotes + againstVotes)`.
    /// @param outcome `Pending` until closed or withdrawn.
    struct Proposal {
        bytes32 contentHash;
        uint64 deadline;
        uint32 quorum;
        uint16 thresholdBps;
        Outcome outcome;
        uint32 againstVotes;
        uint32 forVotes;
        uint32 abstainVotes;
    }

    /// @notice One wallet's signed EIP-712 `Ballot` (the first five fields, in the type's order) and its signature.
    /// @param signature ECDSA (65 bytes) by `voter`, or whatever `voter`'s ERC-1271 `isValidSignature` accepts.
    struct SignedBallot {
        bytes32 proposalKey;
        uint8 support;
        address voter;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /// @notice Where a batch of AI provenance records was anchored.
    /// @param anchoredAt Block timestamp of the anchoring; zero if never anchored.
    /// @param recordCount Number of records (Merkle leaves) under the root.
    struct Anchor {
        uint64 anchoredAt;
        uint32 recordCount;
    }

    /// @notice A draft revision was recorded.
    event RevisionRecorded(
        bytes32 indexed proposalKey,
        uint256 indexed revision,
        bytes32 contentHash,
        bytes32 provenanceHash,
        string uri
    );

    /// @notice A proposal was opened for voting.
    event ProposalOpened(
        bytes32 indexed proposalKey,
        bytes32 contentHash,
        uint64 deadline,
        uint32 quorum,
        uint16 thresholdBps
    );

    /// @notice A proposal was closed and its outcome stored.
    event ProposalClosed(
        bytes32 indexed proposalKey,
        Outcome outcome,
        uint32 againstVotes,
        uint32 forVotes,
        uint32 abstainVotes
    );

    /// @notice A pending proposal was withdrawn; its outcome is now `Withdrawn` and its tally stays as it was.
    event ProposalWithdrawn(bytes32 indexed proposalKey);

    /// @notice Voter ids were registered under consecutive indices starting at `firstVoterIndex`.
    event VotersRegistered(uint256 firstVoterIndex, bytes32[] voterIds);

    /// @notice A wallet was linked to a registered voter; its signed votes count as that voter's.
    event WalletLinked(address indexed wallet, uint256 indexed voterIndex);

    /// @notice A wallet's link to a voter was removed.
    event WalletUnlinked(address indexed wallet, uint256 indexed voterIndex);

    /// @notice The recorder recorded a batch of attested votes; `packedVotes` is the call's own input,
    /// enough for an indexer to rebuild every vote.
    event VotesRecorded(bytes32 indexed proposalKey, uint256[] packedVotes);

    /// @notice A wallet's signed ballot was counted for the voter it is linked to ({castVoteBySig}).
    event VoteCast(bytes32 indexed proposalKey, address indexed wallet, uint256 indexed voterIndex, uint8 support);

    /// @notice Signed ballots of a {castVotesBySig} batch were counted on one proposal: one event per run of
    /// consecutive ballots naming the same proposal, in batch order. Each word is one counted ballot,
    /// `uint160(wallet) << 96 | nonce << 32 | voterIndex << 2 | support`: its low 32 bits are a lane as in
    /// {recordVotes}, bits 32-95 the nonce it consumed, bits 96-255 the wallet.
    event SignedBallotsCast(bytes32 indexed proposalKey, uint256[] ballots);

    /// @notice A {castVotesBySig} ballot was refused and skipped; the rest of the batch went on.
    /// @param position The ballot's index in the batch.
    /// @param reason The ABI-encoded error {castVoteBySig} would revert with for this ballot (decode it with this
    /// ABI's errors), e.g. `LedgerInvalidSignature(wallet)`.
    event SignedBallotSkipped(
        bytes32 indexed proposalKey,
        address indexed wallet,
        uint256 position,
        uint256 nonce,
        bytes reason
    );

    /// @notice A Merkle root of AI provenance records was anchored.
    event ProvenanceAnchored(bytes32 indexed root, uint32 recordCount, string uri);

    /// @notice The admin given at deployment was the zero address.
    error LedgerInvalidAdmin(address admin);

    /// @notice The attestation grace given at deployment exceeds `maxAttestationGrace` seconds.
    error LedgerInvalidAttestationGrace(uint64 attestationGrace, uint64 maxAttestationGrace);

    /// @notice A revision number was not above the latest one recorded for the proposal.
    error LedgerRevisionNotIncreasing(bytes32 proposalKey, uint256 revision, uint256 latestRevision);

    /// @notice The proposal was already opened (revisions and reopening are closed).
    error LedgerProposalAlreadyOpened(bytes32 proposalKey);

    /// @notice The proposal was never opened.
    error LedgerProposalNotOpened(bytes32 proposalKey);

    /// @notice The opening reached the chain after `until` (its deadline plus the attestation grace), too late
    /// for any of the proposal's records.
    error LedgerOpeningTooLate(bytes32 proposalKey, uint64 deadline, uint256 until);

    /// @notice A threshold above 10000 basis points.
    error LedgerInvalidThreshold(uint16 thresholdBps);

    /// @notice A signed ballot arrived after the proposal's deadline.
    error LedgerVotingClosed(bytes32 proposalKey, uint64 deadline);

    /// @notice Attested votes arrived after `until` (the deadline plus the attestation grace).
    error LedgerAttestationWindowClosed(bytes32 proposalKey, uint256 until);

    /// @notice Closing was attempted at or before the proposal's deadline.
    error LedgerVotingStillOpen(bytes32 proposalKey, uint64 deadline);

    /// @notice Someone other than the recorder tried to close while the recorder may still attest votes, that
    /// is at or before `until` (the deadline plus the attestation grace).
    error LedgerAttestationWindowOpen(bytes32 proposalKey, uint256 until);

    /// @notice The proposal was already closed or withdrawn, with `outcome`.
    error LedgerProposalAlreadyClosed(bytes32 proposalKey, Outcome outcome);

    /// @notice The voter id already has an index.
    error LedgerVoterAlreadyRegistered(bytes32 voterId, uint256 voterIndex);

    /// @notice No voter is registered under this index.
    error LedgerUnknownVoter(uint256 voterIndex);

    /// @notice Registering would exceed the largest index a packed lane can carry.
    error LedgerVoterLimitReached(uint256 maxVoters);

    /// @notice A support value other than Against (0), For (1) or Abstain (2).
    error LedgerInvalidSupport(uint256 voterIndex, uint8 support);

    /// @notice The wallet is linked to no voter, so it cannot vote.
    error LedgerWalletNotLinked(address wallet);

    /// @notice The wallet is already linked to `voterIndex`; unlink it first.
    error LedgerWalletAlreadyLinked(address wallet, uint256 voterIndex);

    /// @notice The ballot's signature is not valid for `voter` (wrong signer, domain or chain).
    error LedgerInvalidSignature(address voter);

    /// @notice The signed ballot's deadline has passed.
    error LedgerExpiredSignature(uint256 deadline);

    /// @notice The signed ballot's nonce is not the wallet's current one (named as OpenZeppelin's `Nonces` does).
    error InvalidAccountNonce(address account, uint256 currentNonce);

    /// @notice An anchor with a zero root or no records.
    error LedgerInvalidAnchor(bytes32 root, uint32 recordCount);

    /// @notice The root was already anchored.
    error LedgerRootAlreadyAnchored(bytes32 root);

    /// @notice Records a draft revision of a proposal that is not yet open. Recorder only.
    /// @param proposalKey The proposal's key, chosen off-chain.
    /// @param revision Revision number; must exceed the latest recorded one.
    /// @param contentHash Hash of the revision's text.
    /// @param provenanceHash Hash of the AI output's provenance record, or zero when a person wrote it.
    /// @param uri Optional location of the text (may be empty); emitted, not stored.
    function recordRevision(
        bytes32 proposalKey,
        uint256 revision,
        bytes32 contentHash,
        bytes32 provenanceHash,
        string calldata uri
    ) external;

    /// @notice The highest revision number recorded for a proposal (0 if none).
    function latestRevision(bytes32 proposalKey) external view returns (uint256);

    /// @notice A recorded revision (all zero if never recorded).
    function revisionOf(bytes32 proposalKey, uint256 revision) external view returns (Revision memory);

    /// @notice Opens a proposal for voting with its final text and rules. Recorder only. Accepted until
    /// `deadline + attestationGrace()` inclusive, with the deadline as given: an opening relayed late (the
    /// relayer was down) still lands; a proposal opened after its deadline takes no signed ballot, but the
    /// recorder's attested votes and its close proceed as for any proposal within the grace. Later, reverts
    /// with {LedgerOpeningTooLate}.
    /// @param deadline Last second (unix time) at which signed ballots are accepted.
    /// @param quorum Absolute number of participating voters required, computed off-chain.
    /// @param thresholdBps At most 10000; 5000 is a simple majority (For > Against).
    function openProposal(
        bytes32 proposalKey,
        bytes32 contentHash,
        uint64 deadline,
        uint32 quorum,
        uint16 thresholdBps
    ) external;

    /// @notice Closes a pending proposal, storing and emitting the outcome. The recorder may close once the
    /// deadline has passed; anyone else once the attestation grace has passed too
    /// (`block.timestamp > deadline + attestationGrace()`), else {LedgerAttestationWindowOpen}.
    /// @return outcome NoQuorum if voters < quorum, else Passed or Rejected by the threshold rule.
    function closeProposal(bytes32 proposalKey) external returns (Outcome outcome);

    /// @notice Withdraws an opened, still pending proposal: stores the outcome `Withdrawn` and emits
    /// {ProposalWithdrawn}. Votes and closing revert afterwards. Recorder only; allowed before or after the
    /// deadline, as long as no outcome is stored.
    function withdrawProposal(bytes32 proposalKey) external;

    /// @notice Seconds after a proposal's deadline during which the recorder may still record attested votes
    /// (and only the recorder may close). Fixed at deployment.
    function attestationGrace() external view returns (uint64);

    /// @notice A proposal's rules, tally and outcome (all zero if never opened).
    function proposalOf(bytes32 proposalKey) external view returns (Proposal memory);

    /// @notice Whether a voter has a vote on a proposal, and which.
    function ballotOf(bytes32 proposalKey, uint256 voterIndex) external view returns (bool voted, uint8 support);

    /// @notice Registers voter ids under the next consecutive indices. Recorder only.
    /// @return firstVoterIndex The index given to `voterIds[0]`.
    function registerVoters(bytes32[] calldata voterIds) external returns (uint256 firstVoterIndex);

    /// @notice Number of registered voters, which is also the highest index.
    function voterCount() external view returns (uint256);

    /// @notice The index of a voter id, or zero if unregistered.
    function voterIndexOf(bytes32 voterId) external view returns (uint256);

    /// @notice Links a wallet to a registered voter so its signed ballots vote in that voter's slot.
    /// Recorder only, after the member proved control of the wallet off-chain. The wallet's nonce carries on.
    function linkWallet(address wallet, uint256 voterIndex) external;

    /// @notice Removes a wallet's link, so its ballots are refused ({LedgerWalletNotLinked}). Recorder only.
    /// It also advances the wallet's nonce, so a ballot signed under the old link never counts under a new one.
    function unlinkWallet(address wallet) external;

    /// @notice The voter index a wallet is linked to, or zero.
    function walletVoterIndex(address wallet) external view returns (uint256);

    /// @notice The nonce the wallet's next signed ballot must carry. Starts at 0; each counted ballot and each
    /// unlink advances it by one; never reset.
    function nonces(address wallet) external view returns (uint256);

    /// @notice Records a batch of attested votes for one pending proposal. Recorder only. Accepted until
    /// `deadline + attestationGrace()` inclusive: the recorder relays only votes the database accepted before
    /// the deadline, possibly a little later.
    /// @param packedVotes Words of eight lanes `voterIndex << 2 | support` (see the contract notes).
    function recordVotes(bytes32 proposalKey, uint256[] calldata packedVotes) external;

    /// @notice Counts an EIP-712 `Ballot` signed by a linked wallet (EOA or ERC-1271) and emits {VoteCast}.
    /// Anyone may submit, up to the proposal's deadline inclusive (no grace: ballots arrive live). A refused
    /// ballot reverts with the named error (see the contract notes for the checks and their order).
    /// @param voter The signing wallet.
    /// @param nonce Must equal `nonces(voter)`; consumed on success.
    /// @param deadline Last second (unix time) at which the signature is accepted.
    /// @param signature ECDSA signature, or whatever the wallet's ERC-1271 `isValidSignature` accepts.
    function castVoteBySig(
        bytes32 proposalKey,
        uint8 support,
        address voter,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Counts a batch of signed ballots, relayed by anyone (the community's recorder pays, members do
    /// not). Each ballot is checked exactly as {castVoteBySig} checks it; a refused one is skipped with
    /// {SignedBallotSkipped} carrying the error, its nonce left unused, and the others still count. Ballots
    /// apply in order (a later ballot for the same voter replaces an earlier one) and the counted ones are
    /// emitted by {SignedBallotsCast}, one event per run of consecutive ballots on the same proposal.
    /// @dev Cheapest when ballots are grouped by proposal and sorted by voter index: each proposal's tally and
    /// each 128-voter bitmap word are then read and written once per batch.
    function castVotesBySig(SignedBallot[] calldata ballots) external;

    /// @notice Anchors the Merkle root of a batch of AI provenance records. Recorder only.
    /// @param uri Optional location of the batch (may be empty); emitted, not stored.
    function anchorProvenance(bytes32 root, uint32 recordCount, string calldata uri) external;

    /// @notice When and how large a root's anchoring was (zero if never anchored).
    function anchorOf(bytes32 root) external view returns (Anchor memory);

    /// @notice Whether `leaf` is in an anchored batch, by an OpenZeppelin `MerkleProof` (sorted pairs).
    function isProvenanceIncluded(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external view returns (bool);
}

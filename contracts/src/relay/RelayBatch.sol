// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title RelayBatch
/// @notice Relays several self-authorizing calls to one contract in one transaction: members' signed
/// ballots to a Governor (`castVoteBySig`), or signed delegations to its token (`delegateBySig`). Each
/// call carries its signer's own signature, so anyone may send the batch; one that fails (a stale nonce,
/// a vote already cast) is skipped with {RelayFailed}, never sinking the others.
/// @dev Stateless and ownerless: folkmoot deploys it at a deterministic address through the common
/// CREATE2 deployer, so every chain that has that deployer has the same RelayBatch.
contract RelayBatch {
    /// @notice The call at `index` reverted with `reason`; the others went on.
    event RelayFailed(uint256 indexed index, bytes reason);

    /// @notice Calls `target` with each of `calls`, in order.
    /// @return ok Whether each call succeeded.
    function relay(address target, bytes[] calldata calls) external returns (bool[] memory ok) {
        ok = new bool[](calls.length);
        for (uint256 i; i < calls.length; ++i) {
            (bool success, bytes memory reason) = target.call(calls[i]);
            ok[i] = success;
            if (!success) emit RelayFailed(i, reason);
        }
    }
}

"""Several members' signed ballots relayed in one transaction through `RelayBatch` (contracts/src/relay),
which calls the Governor once per ballot and skips, with `RelayFailed`, any the Governor refuses.

RelayBatch is stateless and ownerless, deployed at one deterministic address through the common CREATE2
deployer (0x4e59…956C, present on anvil and most public chains); where that deployer is missing (the
embedded py-evm chain) the ballots go one transaction each."""

from __future__ import annotations

from typing import Any

from eth_abi import decode
from eth_utils import keccak
from web3 import Web3
from web3.exceptions import ContractLogicError

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.connection import ChainConnection
from governance.adapters.governor.ballots import checked_call, relay_ballot, votes_cast
from governance.adapters.governor.relay_tx import reason, send_relayed
from governance.adapters.sql.governor_tables import FollowedGovernorRow
from governance.domain.governor.delegation import BallotToRelay, RelayedBallot
from governance.errors import InvalidInput

CREATE2_DEPLOYER = "0x4e59b44847b379578588920ca78fbf26C0B4956C"
SALT = keccak(text="folkmoot.RelayBatch.v1")
RELAY_FAILED = "0x" + keccak(text="RelayFailed(uint256,bytes)").hex()


def batch_address() -> str:
    init = bytes.fromhex(load_artifact("RelayBatch").bytecode.removeprefix("0x"))
    digest = keccak(b"\xff" + bytes.fromhex(CREATE2_DEPLOYER[2:]) + SALT + keccak(init))
    return Web3.to_checksum_address(digest[12:])


def ensure_batcher(connection: ChainConnection) -> Any | None:
    """The RelayBatch contract, deployed now if it was not; None where there is no CREATE2 deployer."""
    w3 = connection.w3
    address = batch_address()
    artifact = load_artifact("RelayBatch")
    if not w3.eth.get_code(address):
        if not w3.eth.get_code(Web3.to_checksum_address(CREATE2_DEPLOYER)):
            return None
        init = bytes.fromhex(artifact.bytecode.removeprefix("0x"))
        try:
            send_relayed(connection, _RawCall(w3, CREATE2_DEPLOYER, SALT + init), "Deploying RelayBatch failed")
        except InvalidInput:
            if not w3.eth.get_code(address):  # not another process deploying it at the same moment
                raise
    return w3.eth.contract(address=address, abi=artifact.abi)


def relay_ballots(connection: ChainConnection, row: FollowedGovernorRow, ballots: list[BallotToRelay]
                  ) -> list[RelayedBallot | InvalidInput]:
    """Each ballot checked (a bad one is refused alone), the good ones relayed in one transaction; the
    Governor's VoteCast (or the batch's RelayFailed) read back for each."""
    w3 = connection.w3
    results: list[RelayedBallot | InvalidInput | None] = []
    calls = {}
    for i, b in enumerate(ballots):
        try:
            calls[i] = checked_call(w3, row, b.proposal_id, b.support, b.voter, b.signature, b.reason)
            results.append(None)
        except InvalidInput as refused:
            results.append(refused)
    batcher = ensure_batcher(connection) if len(calls) > 1 else None
    if batcher is None:  # one ballot, or no batching on this chain
        for i in calls:
            b = ballots[i]
            try:
                results[i] = relay_ballot(connection, row, b.proposal_id, b.support, b.voter, b.signature, b.reason)
            except InvalidInput as refused:
                results[i] = refused
        return results  # type: ignore[return-value]
    order = list(calls)
    data = [bytes.fromhex(calls[i]._encode_transaction_data().removeprefix("0x")) for i in order]
    receipt = send_relayed(connection, batcher.functions.relay(Web3.to_checksum_address(row.address), data),
                           "The batch of ballots was refused")
    counted = votes_cast(receipt, row)
    failed = {int.from_bytes(bytes(log["topics"][1]), "big"): decode(["bytes"], bytes(log["data"]))[0]
              for log in receipt["logs"] if log["topics"] and log["topics"][0].to_0x_hex() == RELAY_FAILED}
    for position, i in enumerate(order):
        b = ballots[i]
        if position in failed:
            refusal = ContractLogicError("reverted", data="0x" + failed[position].hex())
            results[i] = InvalidInput(f"The Governor refuses that ballot: {reason(refusal)}")
        else:
            results[i] = RelayedBallot(b.proposal_id, b.voter.lower(), b.support, counted.get(b.voter.lower(), 0),
                                       receipt["transactionHash"].to_0x_hex(), receipt["blockNumber"],
                                       receipt["gasUsed"], len(order) - len(failed))
    return results  # type: ignore[return-value]


class _RawCall:
    """A transaction to `to` with raw `data`, shaped like a contract function for send_relayed."""

    def __init__(self, w3: Web3, to: str, data: bytes):
        self.w3, self.fields = w3, {"to": Web3.to_checksum_address(to), "data": "0x" + data.hex()}

    def estimate_gas(self, tx: dict) -> int:
        return self.w3.eth.estimate_gas({**tx, **self.fields})

    def build_transaction(self, tx: dict) -> dict:
        return {**tx, **self.fields, "value": 0, "gasPrice": self.w3.eth.gas_price}


"""Deploying real OpenZeppelin DAO stacks (compiled from the pinned packages) and driving them."""

from __future__ import annotations

from dataclasses import dataclass

from eth_utils import keccak
from web3 import Web3
from web3.contract import Contract

from tests.integration.chain.helpers import deploy, send

AGAINST, FOR, ABSTAIN = 0, 1, 2
VOTING_DELAY = 2  # blocks (or seconds on a timestamp clock)
VOTING_PERIOD = 20
TIMELOCK_DELAY = 60  # seconds
QUORUM_PERCENT = 4
UNIT = 10**18
WEIGHTS = [400_000, 250_000, 100_000, 50_000, 20_000]  # tokens of accounts 1..5; the timelock holds the rest


@dataclass
class Dao:
    w3: Web3
    governor: Contract
    token: Contract
    timelock: Contract
    admin: str
    voters: list[str]

    def delegate_all(self) -> None:
        for voter in self.voters:
            send(self.token.functions.delegate(voter), voter)

    def mine(self, blocks: int) -> None:
        self.w3.provider.make_request("anvil_mine", [hex(blocks)]) if not _pyevm(self.w3) else [
            self.w3.provider.ethereum_tester.mine_blocks(1) for _ in range(blocks)]

    def propose(self, calls: list[tuple[str, int, bytes]], description: str, proposer: str | None = None) -> int:
        targets, values, datas = ([c[i] for c in calls] for i in range(3))
        send(self.governor.functions.propose(targets, values, datas, description), proposer or self.voters[0])
        return self.governor.functions.hashProposal(targets, values, datas, keccak(text=description)).call()

    def lifecycle(self, calls, description):
        targets, values, datas = ([c[i] for c in calls] for i in range(3))
        return targets, values, datas, keccak(text=description)

    def vote(self, proposal_id: int, support: int, voter: int) -> None:
        """Voter `voter` (0-based) votes with all their delegated weight."""
        send(self.governor.functions.castVote(proposal_id, support), self.voters[voter])

    def queue(self, calls, description: str) -> None:
        send(self.governor.functions.queue(*self.lifecycle(calls, description)), self.admin)

    def execute(self, calls, description: str) -> None:
        send(self.governor.functions.execute(*self.lifecycle(calls, description)), self.admin)

    def wait(self, seconds: int) -> None:
        """Lets `seconds` pass on the chain (a timelock's delay), then mines a block."""
        if _pyevm(self.w3):
            tester = self.w3.provider.ethereum_tester
            tester.time_travel(self.w3.eth.get_block("latest")["timestamp"] + seconds)
            tester.mine_blocks(1)
        else:
            self.w3.provider.make_request("evm_increaseTime", [seconds])
            self.mine(1)


def _pyevm(w3: Web3) -> bool:
    return hasattr(w3.provider, "ethereum_tester")


def deploy_dao(w3: Web3, *, version: int = 5, timestamp_clock: bool = False, name: str = "Folk Test Governor",
               voting_delay: int = VOTING_DELAY, voting_period: int = VOTING_PERIOD) -> Dao:
    accounts = w3.eth.accounts
    admin, voters = accounts[0], accounts[1:6]
    suffix = "V4" if version == 4 else ""
    token_contract = "TestTimestampVotesToken" if timestamp_clock else f"TestVotesToken{suffix}"
    holders = [*voters, admin]
    amounts = [w * UNIT for w in WEIGHTS] + [180_000 * UNIT]
    token = deploy(w3, token_contract, "Folk Vote", "FOLK", holders, amounts, sender=admin)
    timelock = deploy(w3, f"TestTimelock{suffix}", TIMELOCK_DELAY, [], ["0x" + "00" * 20], admin, sender=admin)
    governor = deploy(w3, f"TestGovernor{suffix}", name, token.address, timelock.address, voting_delay,
                      voting_period, 0, QUORUM_PERCENT, sender=admin)
    proposer_role = timelock.functions.PROPOSER_ROLE().call()
    canceller_role = timelock.functions.CANCELLER_ROLE().call()
    send(timelock.functions.grantRole(proposer_role, governor.address), admin)
    send(timelock.functions.grantRole(canceller_role, governor.address), admin)
    send(token.functions.transfer(timelock.address, 180_000 * UNIT), admin)  # the DAO's treasury
    return Dao(w3, governor, token, timelock, admin, voters)


def transfer_call(dao: Dao, to: str, tokens: int) -> tuple[str, int, bytes]:
    data = dao.token.encode_abi("transfer", [to, tokens * UNIT])
    return dao.token.address, 0, bytes.fromhex(data[2:])

"""A DAO outside folkmoot on a demo chain: the OpenZeppelin Governor stack real DAOs deploy (an
ERC20Votes token, a TimelockController, a Governor with settings, simple counting, quorum fraction
and the timelock), compiled from the pinned OpenZeppelin package (contracts/src/test/governor/).
Its token holders delegate, propose and vote; folkmoot only follows it. The demo plays it
(`folkmoot demo`); `governance.bootstrap.governor_sandbox` gives one on an app's chain."""

from __future__ import annotations

from dataclasses import dataclass

from eth_utils import keccak
from web3 import Web3
from web3.contract import Contract

from governance.adapters.chain.artifacts import load_artifact
from governance.adapters.chain.connection import ChainConnection, embedded_chain

UNIT = 10**18
TIMELOCK_DELAY = 60  # seconds
QUORUM_PERCENT = 4
# development accounts: 0 is folkmoot's recorder (its nonce is the relayer's) and 5 the demo's
# stranger who relays a ballot, so the DAO's people are the others
ADMIN, HOLDERS = 6, (7, 8, 9, 1, 2)


@dataclass(frozen=True)
class DeployedDao:
    governor: str
    token: str
    timelock: str
    holders: tuple[str, ...]


class GovernorSandbox:
    def __init__(self, connection: ChainConnection):
        self.w3: Web3 = connection.w3
        accounts = self.w3.eth.accounts
        self.admin = accounts[ADMIN]
        self.holders = tuple(accounts[i] for i in HOLDERS)
        self.governor: Contract | None = None
        self.token: Contract | None = None
        self.timelock: Contract | None = None

    def deploy(self, weights: list[int], treasury: int, voting_delay: int = 1, voting_period: int = 50,
               name: str = "Riverside DAO Governor", symbol: str = "RIVER") -> DeployedDao:
        """Token holders with `weights` (whole tokens) who delegate to themselves; the timelock
        holds `treasury` tokens and runs what passes."""
        amounts = [w * UNIT for w in weights] + [treasury * UNIT]
        self.token = self._deploy("TestVotesToken", f"{symbol} Vote", symbol,
                                  [*self.holders[:len(weights)], self.admin], amounts)
        self.timelock = self._deploy("TestTimelock", TIMELOCK_DELAY, [], ["0x" + "00" * 20], self.admin)
        self.governor = self._deploy("TestGovernor", name, self.token.address, self.timelock.address, voting_delay,
                                     voting_period, 0, QUORUM_PERCENT)
        t = self.timelock.functions
        self._send(t.grantRole(t.PROPOSER_ROLE().call(), self.governor.address), self.admin)
        self._send(t.grantRole(t.CANCELLER_ROLE().call(), self.governor.address), self.admin)
        self._send(self.token.functions.transfer(self.timelock.address, treasury * UNIT), self.admin)
        for holder in self.holders[:len(weights)]:
            self._send(self.token.functions.delegate(holder), holder)
        return DeployedDao(self.governor.address, self.token.address, self.timelock.address,
                           self.holders[:len(weights)])

    def propose(self, calls: list[tuple[str, int, bytes]], description: str, proposer: int = 0) -> int:
        """The calls and description exactly as given; returns the Governor's id."""
        assert self.governor is not None
        targets = [Web3.to_checksum_address(c[0]) for c in calls]
        values, datas = [c[1] for c in calls], [c[2] for c in calls]
        self._send(self.governor.functions.propose(targets, values, datas, description), self.holders[proposer])
        return self.governor.functions.hashProposal(targets, values, datas, keccak(text=description)).call()

    def vote(self, proposal_id: int, support: int, holder: int, reason: str = "") -> None:
        assert self.governor is not None
        g = self.governor.functions
        call = g.castVoteWithReason(proposal_id, support, reason) if reason else g.castVote(proposal_id, support)
        self._send(call, self.holders[holder])

    def mine(self, blocks: int) -> None:
        self.w3.provider.ethereum_tester.mine_blocks(blocks)

    def _deploy(self, name: str, *args) -> Contract:
        artifact = load_artifact(name)
        factory = self.w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
        receipt = self._send(factory.constructor(*args), self.admin)
        return self.w3.eth.contract(address=receipt["contractAddress"], abi=artifact.abi)

    def _send(self, call, sender: str):
        tx = call.transact({"from": sender, "gas": call.estimate_gas({"from": sender})})
        receipt = self.w3.eth.wait_for_transaction_receipt(tx)
        if receipt["status"] != 1:
            raise RuntimeError(f"the DAO's transaction failed: {receipt}")
        return receipt


def chain_with_tokens(tokens: dict[str, tuple[str, str, int]]) -> ChainConnection:
    """An embedded chain on which ERC-20 contracts answer at the given addresses (address →
    name, symbol, decimals; no balances): stand-ins for the mainnet tokens a replayed real
    proposal moves, so its calls decode as they do on mainnet."""
    scratch = embedded_chain().w3
    return embedded_chain({Web3.to_bytes(hexstr=address): _token_account(scratch, *details)
                           for address, details in tokens.items()})


def _token_account(scratch: Web3, name: str, symbol: str, decimals: int) -> dict:
    """The account of a TestPlainToken deployed on a scratch chain: its code (decimals are baked in)
    and the storage slots that hold its name and symbol."""
    artifact = load_artifact("TestPlainToken")
    deployer = scratch.eth.accounts[0]
    factory = scratch.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
    receipt = scratch.eth.wait_for_transaction_receipt(
        factory.constructor(name, symbol, decimals, deployer, 0).transact({"from": deployer}))
    address = receipt["contractAddress"]
    storage = {slot: int.from_bytes(scratch.eth.get_storage_at(address, slot), "big") for slot in range(8)}
    return {"balance": 0, "nonce": 1, "code": bytes(scratch.eth.get_code(address)),
            "storage": {slot: value for slot, value in storage.items() if value}}

"""Live reads of a followed Governor: a proposal's state, tally, quorum at its snapshot, ETA, the
next call that moves it on, and the time of a timepoint on the token's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cached_property

from eth_abi import encode
from eth_utils import keccak
from web3 import Web3

from governance.adapters.governor.proposal_ids import description_hash
from governance.adapters.governor.reads import read, read_one
from governance.adapters.sql.governor_tables import FollowedGovernorRow, GovernorProposalRow
from governance.domain.governor.views import STATES, ExactCall, VotingWindow

FALLBACK_BLOCK_SECONDS = 12  # mainnet's slot, when the chain is too young to measure
SAMPLE = 1_000  # blocks over which the average block time is measured


class LiveGovernor:
    def __init__(self, w3: Web3, governor: FollowedGovernorRow):
        self.w3 = w3
        self.g = governor
        self.address = governor.address

    @cached_property
    def latest(self):
        return self.w3.eth.get_block("latest")

    @cached_property
    def seconds_per_block(self) -> float:
        latest = self.latest
        earlier = self.w3.eth.get_block(max(latest["number"] - SAMPLE, 0))
        blocks = latest["number"] - earlier["number"]
        elapsed = latest["timestamp"] - earlier["timestamp"]
        return elapsed / blocks if blocks and elapsed > 0 else FALLBACK_BLOCK_SECONDS

    def now_timepoint(self) -> int:
        return self.latest["timestamp"] if self.g.clock_mode == "timestamp" else self.latest["number"]

    def time_of(self, timepoint: int) -> tuple[datetime, bool]:
        """When a timepoint is (or is expected): (time, estimated)."""
        if self.g.clock_mode == "timestamp":
            return datetime.fromtimestamp(timepoint, UTC), False
        latest = self.latest
        if timepoint <= latest["number"]:
            return datetime.fromtimestamp(self.w3.eth.get_block(timepoint)["timestamp"], UTC), False
        ahead = (timepoint - latest["number"]) * self.seconds_per_block
        return datetime.fromtimestamp(latest["timestamp"], UTC) + timedelta(seconds=ahead), True

    def window(self, row: GovernorProposalRow) -> VotingWindow:
        starts, estimated_start = self.time_of(row.vote_start)
        ends, estimated_end = self.time_of(row.vote_end)
        return VotingWindow(row.vote_start, row.vote_end, self.g.clock_mode, starts, ends,
                            estimated_start or estimated_end, estimated_start)

    def state(self, proposal_id: str) -> str:
        value = read_one(self.w3, self.address, "state(uint256)", "uint8", [int(proposal_id)])
        return STATES[value] if value is not None and value < len(STATES) else "unknown"

    def votes(self, proposal_id: str, block="latest") -> tuple[int, int, int] | None:
        """(against, for, abstain) as the Governor counts them."""
        return read(self.w3, self.address, "proposalVotes(uint256)", ["uint256", "uint256", "uint256"],
                    [int(proposal_id)], block)

    def quorum_at(self, timepoint: int) -> int | None:
        if timepoint >= self.now_timepoint():
            return None  # OpenZeppelin refuses a future lookup: the snapshot is not final yet
        return read_one(self.w3, self.address, "quorum(uint256)", "uint256", [timepoint])

    def supply_at(self, timepoint: int) -> int | None:
        if timepoint >= self.now_timepoint():
            return None
        return read_one(self.w3, self.g.token_address, "getPastTotalSupply(uint256)", "uint256", [timepoint])

    def eta(self, proposal_id: str) -> int | None:
        value = read_one(self.w3, self.address, "proposalEta(uint256)", "uint256", [int(proposal_id)])
        return value or None

    def grace_period(self) -> int | None:
        """Compound-style timelocks drop a queued proposal after a grace period; OpenZeppelin's do not."""
        if not self.g.timelock_address:
            return None
        return read_one(self.w3, self.g.timelock_address, "GRACE_PERIOD()", "uint256")

    def needs_queuing(self, proposal_id: str) -> bool:
        answer = read_one(self.w3, self.address, "proposalNeedsQueuing(uint256)", "bool", [int(proposal_id)])
        return bool(self.g.timelock_address) if answer is None else answer  # 4.x: queue iff timelocked

    def next_call(self, row: GovernorProposalRow, state: str) -> ExactCall | None:
        if state not in ("succeeded", "queued"):
            return None
        verb = "queue" if state == "succeeded" and self.needs_queuing(row.proposal_id) else "execute"
        digest = description_hash(bytes(row.description))
        args = {"targets": row.targets, "values": row.values, "calldatas": row.calldatas,
                "descriptionHash": "0x" + digest.hex()}
        value = sum(int(v) for v in row.values) if verb == "execute" and not self.g.timelock_address else 0
        function = f"{verb}(address[],uint256[],bytes[],bytes32)"
        return ExactCall(self.address, function, args, value, _calldata(function, row, digest))


def _calldata(function: str, row: GovernorProposalRow, digest: bytes) -> str:
    """The call as a wallet or a Safe's transaction builder takes it: selector and arguments."""
    arguments = encode(["address[]", "uint256[]", "bytes[]", "bytes32"],
                       [[Web3.to_checksum_address(t) for t in row.targets], [int(v) for v in row.values],
                        [bytes.fromhex(d.removeprefix("0x")) for d in row.calldatas], digest])
    return "0x" + (keccak(text=function)[:4] + arguments).hex()

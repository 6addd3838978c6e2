"""Reading one wallet's voting power on a followed Governor: what it held and to whom it had delegated
at a proposal's snapshot, what the Governor counts there (`getVotes(account, timepoint)`), whether it
and its delegate voted. A timestamp clock's snapshot is a time: the Governor and the token are asked
at that timepoint, and the balance at the last block mined at or before it."""

from __future__ import annotations

from web3 import Web3

from governance.adapters.governor.live import LiveGovernor
from governance.adapters.governor.reads import read_one
from governance.adapters.governor.store import GovernorStore
from governance.adapters.sql.governor_tables import FollowedGovernorRow, GovernorProposalRow
from governance.domain.governor import TokenInfo
from governance.domain.governor.power import ZERO_ADDRESS, CastVote, PowerReading


def read_power(w3: Web3, store: GovernorStore, row: FollowedGovernorRow, token: TokenInfo, wallet: str,
               stored: GovernorProposalRow | None) -> PowerReading:
    wallet = Web3.to_checksum_address(wallet)
    live = LiveGovernor(w3, row)
    head = live.latest["number"]
    facts = dict(wallet=wallet.lower(), token=token, clock=row.clock_mode,
                 balance_now=_balance(w3, row, wallet, head), delegate_now=_delegate(w3, row, wallet, head),
                 votes_now=read_one(w3, row.token_address, "getVotes(address)", "uint256", [wallet], head) or 0)
    if stored is None:
        return PowerReading(**facts)
    snapshot = stored.vote_start
    final = snapshot < live.now_timepoint()
    facts.update(proposal_number=stored.number, proposal_id=stored.proposal_id,
                 proposal_title=_title(stored), proposal_state=live.state(stored.proposal_id),
                 snapshot=snapshot, snapshot_final=final)
    pid = int(stored.proposal_id)
    has_voted = read_one(w3, row.address, "hasVoted(uint256,address)", "bool", [pid, wallet], head)
    votes = {v.voter.lower(): CastVote(v.support, int(v.weight)) for v in store.votes(row.id, stored.proposal_id)}
    facts.update(has_voted=has_voted, own_vote=votes.get(wallet.lower()))
    delegate = facts["delegate_now"]
    if final:
        facts["power_at_snapshot"] = read_one(w3, row.address, "getVotes(address,uint256)", "uint256",
                                              [wallet, snapshot], head) or 0
        block = snapshot if row.clock_mode != "timestamp" else block_at_time(w3, snapshot, head)
        balance = _balance(w3, row, wallet, block)
        if balance is not None:
            delegate = _delegate(w3, row, wallet, block)
            facts.update(past_known=True, balance_at_snapshot=balance, delegate_at_snapshot=delegate)
    if delegate is not None and delegate.lower() != wallet.lower():
        facts.update(delegate_has_voted=read_one(w3, row.address, "hasVoted(uint256,address)", "bool",
                                                 [pid, Web3.to_checksum_address(delegate)], head),
                     delegate_vote=votes.get(delegate.lower()))
    return PowerReading(**facts)


def block_at_time(w3: Web3, timestamp: int, head: int) -> int:
    """The last block mined at or before `timestamp` (binary search over block headers)."""
    low, high = 0, head
    while low < high:
        middle = (low + high + 1) // 2
        if w3.eth.get_block(middle)["timestamp"] <= timestamp:
            low = middle
        else:
            high = middle - 1
    return low


def _balance(w3: Web3, row: FollowedGovernorRow, wallet: str, block: int) -> int | None:
    """None when the node cannot answer for that block (it keeps no state that old)."""
    return read_one(w3, row.token_address, "balanceOf(address)", "uint256", [wallet], block)


def _delegate(w3: Web3, row: FollowedGovernorRow, wallet: str, block: int) -> str | None:
    found = read_one(w3, row.token_address, "delegates(address)", "address", [wallet], block)
    return None if found is None or found.lower() == ZERO_ADDRESS else found.lower()


def _title(stored: GovernorProposalRow) -> str:
    for line in bytes(stored.description).decode("utf-8", "replace").splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return "(no description)"

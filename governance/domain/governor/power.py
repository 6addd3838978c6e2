"""Why a member's voting power on a Governor proposal is what it is: the facts read from the chain
(`PowerReading`), the case that applies (`diagnose`) and the fix, in words a member understands.

An OpenZeppelin Governor counts the votes *delegated* to an account at the proposal's snapshot
(`getVotes(account, snapshot)`): holding tokens is not enough, tokens must be delegated (to oneself
or to someone else) before the snapshot, and tokens that arrive after it count from the next
proposal. A token's clock is block numbers or, by ERC-6372, timestamps: the snapshot is then a time.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime

from governance.domain.governor.calls import TokenInfo
from governance.domain.governor.views import SUPPORT

ZERO_ADDRESS = "0x" + "0" * 40


class PowerCase(str, enum.Enum):
    HAS_POWER = "has_power"
    NO_TOKENS = "no_tokens"
    NOT_DELEGATED = "not_delegated"  # tokens, but never delegated: the Governor counts delegated votes only
    DELEGATED_TO_OTHER = "delegated_to_other"
    RECEIVED_AFTER_SNAPSHOT = "received_after_snapshot"


@dataclass(frozen=True)
class CastVote:
    """How an account voted on the proposal (from the Governor's VoteCast events)."""

    support: int  # 0 against, 1 for, 2 abstain
    weight: int

    @property
    def choice(self) -> str:
        return SUPPORT[self.support] if 0 <= self.support < len(SUPPORT) else str(self.support)


@dataclass(frozen=True)
class PowerReading:
    """What the chain says about one wallet and one proposal (or none: then only the present).

    `*_at_snapshot` are None when there is no proposal, the snapshot is not past yet, or (balance
    and delegate only) the node keeps no state that old; `delegate_*` is None for "never delegated"
    (the zero address)."""

    wallet: str  # lower-case
    token: TokenInfo
    clock: str  # "blocknumber" | "timestamp"
    balance_now: int
    delegate_now: str | None
    votes_now: int
    proposal_number: int | None = None
    proposal_id: str | None = None
    proposal_title: str | None = None
    proposal_state: str | None = None
    snapshot: int | None = None  # the timepoint on the token's clock (a block, or a Unix time)
    snapshot_final: bool = False  # the snapshot is past: the power there can no longer change
    power_at_snapshot: int | None = None  # Governor.getVotes(wallet, snapshot): what it counts
    past_known: bool = False  # balance and delegate at the snapshot could be read
    balance_at_snapshot: int | None = None
    delegate_at_snapshot: str | None = None
    has_voted: bool | None = None  # Governor.hasVoted
    own_vote: CastVote | None = None
    delegate_has_voted: bool | None = None  # of the delegate at the snapshot (or now)
    delegate_vote: CastVote | None = None


@dataclass(frozen=True)
class Diagnosis:
    case: PowerCase
    power: int  # at the snapshot (or now, without a final snapshot)
    headline: str
    lines: tuple[str, ...]  # the facts behind it
    fix: str | None
    reading: PowerReading


def same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.lower() == b.lower()


def diagnose(r: PowerReading) -> Diagnosis:
    """The case that applies, the facts behind it and the fix."""
    t = r.token
    at_snapshot = r.proposal_id is not None and r.snapshot_final
    power = (r.power_at_snapshot or 0) if at_snapshot else r.votes_now
    if at_snapshot and r.past_known:
        balance, delegate = r.balance_at_snapshot or 0, r.delegate_at_snapshot
    else:  # no proposal, a snapshot still ahead, or a node without old state: what holds now
        balance, delegate = r.balance_now, r.delegate_now
    when = _when(r) if at_snapshot else "now"
    lines = [_clock_line(r)] if r.clock == "timestamp" else []
    if r.proposal_id is not None and not r.snapshot_final:
        lines.append(f"Proposal #{r.proposal_number}'s snapshot ({_timepoint(r)}) is not past yet: voting power "
                     "counts there, so what you delegate before it still counts.")
    if at_snapshot and not r.past_known:
        lines.append("The node keeps no state as old as the snapshot: balance and delegation below are today's.")
    lines.append(f"Balance {_at(when)}: {t.describe(balance)}; delegated to "
                 f"{_who(delegate, r.wallet)}; voting power {_at(when)}: {t.describe(power)}.")
    if power > 0:
        case, headline = PowerCase.HAS_POWER, f"You have {t.describe(power)} of voting power {_at(when)}."
        lines.append(_own_vote(r))
        fix = None if r.has_voted else (
            "Vote before the voting period ends." if r.proposal_state == "active" else None)
    elif balance == 0 and at_snapshot and r.balance_now > 0:
        case = PowerCase.RECEIVED_AFTER_SNAPSHOT
        headline = (f"Your {t.symbol} arrived after proposal #{r.proposal_number}'s snapshot "
                    f"({_timepoint(r)}): you held none then.")
        lines.append(f"You hold {t.describe(r.balance_now)} now, delegated to {_who(r.delegate_now, r.wallet)}.")
        fix = ("They count from the next proposal's snapshot" + (
            "." if r.delegate_now else ", once delegated: delegate them (to yourself, or to someone you trust)."))
    elif balance == 0:
        case, headline = PowerCase.NO_TOKENS, f"This wallet held no {t.symbol} {_at(when)}, and nobody delegated to it."
        fix = (f"Voting power comes from {t.symbol} delegated to you: hold some and delegate them to yourself, "
               "or ask a holder to delegate to you.")
    elif delegate is None:
        case = PowerCase.NOT_DELEGATED
        headline = (f"You held {t.describe(balance)} {_at(when)} but had never delegated them: the Governor "
                    "counts delegated votes only.")
        fix = "Delegate to yourself (one signature; folkmoot can relay it without gas)."
        if at_snapshot and r.delegate_now:
            lines.append(f"You delegated to {_who(r.delegate_now, r.wallet)} after the snapshot: it counts from "
                         "the next proposal.")
            fix = None
    elif not same(delegate, r.wallet):
        case = PowerCase.DELEGATED_TO_OTHER
        headline = f"You delegated your {t.describe(balance)} to {delegate}: they vote with it, not you."
        lines.append(_delegate_vote(r, delegate))
        fix = "To vote yourself, delegate to yourself: it counts from the next proposal's snapshot."
    else:  # delegated to itself with tokens yet no power: tokens and delegation landed with the snapshot
        case = PowerCase.RECEIVED_AFTER_SNAPSHOT
        headline = f"Your {t.symbol} and your delegation were not in place at the snapshot ({_timepoint(r)})."
        fix = "They count from the next proposal's snapshot."
    return Diagnosis(case, power, headline, tuple(line for line in lines if line), fix, r)


def _at(when: str) -> str:
    return "now" if when == "now" else f"at {when}"


def _when(r: PowerReading) -> str:
    return f"proposal #{r.proposal_number}'s snapshot ({_timepoint(r)})"


def _timepoint(r: PowerReading) -> str:
    if r.snapshot is None:
        return "none"
    if r.clock == "timestamp":
        return f"{datetime.fromtimestamp(r.snapshot, UTC):%Y-%m-%d %H:%M:%S} UTC, Unix time {r.snapshot}"
    return f"block {r.snapshot}"


def _clock_line(r: PowerReading) -> str:
    return (f"{r.token.symbol}'s clock is timestamps, not block numbers (ERC-6372 mode=timestamp): the snapshot "
            "is a time, and voting power was read at that time (a block number there would read the wrong point).")


def _who(delegate: str | None, wallet: str) -> str:
    if delegate is None:
        return "nobody (never delegated)"
    return "yourself" if same(delegate, wallet) else delegate


def _own_vote(r: PowerReading) -> str:
    if r.has_voted is None:
        return ""
    if not r.has_voted:
        return "You have not voted on it."
    if r.own_vote is None:
        return "You have voted on it (not indexed yet)."
    return f"You voted {r.own_vote.choice} with {r.token.describe(r.own_vote.weight)}."


def _delegate_vote(r: PowerReading, delegate: str) -> str:
    if r.proposal_id is None or r.delegate_has_voted is None:
        return ""
    if not r.delegate_has_voted:
        return f"Your delegate {delegate} has not voted on proposal #{r.proposal_number}."
    if r.delegate_vote is None:
        return f"Your delegate {delegate} has voted on proposal #{r.proposal_number} (not indexed yet)."
    return (f"Your delegate {delegate} voted {r.delegate_vote.choice} on proposal #{r.proposal_number} with "
            f"{r.token.describe(r.delegate_vote.weight)}.")

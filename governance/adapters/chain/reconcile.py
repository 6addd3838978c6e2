"""Deciding what a ledger refusal means: already recorded, not yet possible, or a real failure.

Before resending anything after a crash or a lost receipt, the relayer asks the chain
whether the record is already there; this is where those answers are read.
"""

from __future__ import annotations

import enum
from typing import Any

from governance.adapters.chain.keys import LEDGER_OUTCOMES, hash32
from governance.adapters.chain.reverts import LedgerRevert
from governance.domain.outbox import RecordKind

# The ledger's Outcome enum, as the database names outcomes (Pending = 0 never appears in the error).


class Verdict(enum.Enum):
    ALREADY_RECORDED = "already recorded"
    NOT_YET = "not yet possible"
    FAILED = "failed"


def judge_revert(step: Any, revert: LedgerRevert, contract: Any) -> tuple[Verdict, str]:
    name, kind, p = revert.name, step.kind, step.payload
    views = contract.functions
    if kind is RecordKind.REVISION and name == "LedgerRevisionNotIncreasing":
        recorded = views.revisionOf(step.proposal_key, p["number"]).call()
        if recorded[0] == hash32(p["content_hash"]):
            return Verdict.ALREADY_RECORDED, f"revision {p['number']}"
        return Verdict.FAILED, f"a different revision {p['number']} is on-chain"
    if kind is RecordKind.OPEN and name == "LedgerProposalAlreadyOpened":
        if views.proposalOf(step.proposal_key).call()[0] == hash32(p["content_hash"]):
            return Verdict.ALREADY_RECORDED, "proposal opened"
        return Verdict.FAILED, "the proposal was opened on-chain with different text"
    if kind in (RecordKind.CLOSE, RecordKind.WITHDRAW) and name == "LedgerProposalAlreadyClosed":
        # The error carries the stored outcome: ours if our earlier transaction landed; another one if the
        # proposal was closed (by anyone, after the grace) or withdrawn before this record got there.
        expected = "withdrawn" if kind is RecordKind.WITHDRAW else p["outcome"]
        stored = LEDGER_OUTCOMES.get(revert.values[1], f"unknown({revert.values[1]})")
        if stored == expected:
            return Verdict.ALREADY_RECORDED, f"proposal {stored}"
        return Verdict.FAILED, f"the proposal is already {stored} on-chain, not {expected}"
    if kind is RecordKind.CLOSE and name == "LedgerVotingStillOpen":
        return Verdict.NOT_YET, "the chain's clock has not passed the deadline yet"
    if kind is RecordKind.CLOSE and name == "LedgerAttestationWindowOpen":  # our key lacks the recorder role
        return Verdict.NOT_YET, "only the recorder may close before the attestation grace ends"
    if kind is RecordKind.LINK and name == "LedgerWalletAlreadyLinked":
        linked_index = revert.values[1]
        voter_index = views.walletVoterIndex(revert.values[0]).call()
        return (Verdict.ALREADY_RECORDED, "wallet linked") if linked_index == voter_index else (
            Verdict.FAILED, "the wallet is linked to another voter")
    if kind is RecordKind.UNLINK and name == "LedgerWalletNotLinked":  # our earlier transaction landed
        return Verdict.ALREADY_RECORDED, "wallet unlinked"
    if kind is RecordKind.ANCHOR and name == "LedgerRootAlreadyAnchored":
        return Verdict.ALREADY_RECORDED, "root anchored"
    return Verdict.FAILED, str(revert)  # decoded: bytes as hex

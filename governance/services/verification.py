"""Verify: recompute every hash from the stored text and compare the database with the chain."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from governance.domain import Proposal, ProposalState, Support
from governance.domain.outbox import RecordStatus
from governance.domain.text import content_hash
from governance.ports import LedgerReader, UnitOfWork
from governance.services import lookup

MAX_VOTE_ITEMS = 20  # mismatching votes listed one by one, up to this many


class Check(str, enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    PENDING = "pending"  # not on-chain yet: the relayer has not confirmed it


@dataclass(frozen=True)
class VerifyItem:
    name: str
    check: Check
    detail: str


@dataclass
class VerifyReport:
    subject: str  # "proposal #12", "AI output #7"
    location: str | None
    items: list[VerifyItem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(item.check is Check.PASS for item in self.items)

    @property
    def failed(self) -> bool:
        return any(item.check is Check.FAIL for item in self.items)

    def add(self, name: str, ok: bool, detail: str, pending: bool = False) -> None:
        check = Check.PASS if ok else Check.PENDING if pending else Check.FAIL
        self.items.append(VerifyItem(name, check, detail))


def verify(uow: UnitOfWork, ledger: LedgerReader, proposal_id: int) -> VerifyReport:
    with uow:
        proposal = lookup.proposal(uow, proposal_id)
        authors = {r.number: _record_hash(uow, r.provenance_id) for r in proposal.revisions}
        votes = uow.votes.list(proposal_id)
        tally = uow.votes.tally(proposal_id)
        unconfirmed = [r for r in uow.outbox.for_proposal(proposal_id)
                       if r.status is not RecordStatus.CONFIRMED]
    pending = bool(unconfirmed)
    report = VerifyReport(f"proposal #{proposal_id}", ledger.location(proposal.community_id))
    _revisions(report, ledger, proposal, authors, pending)
    chain = ledger.proposal(proposal.community_id, proposal_id) if proposal.published_at else None
    if proposal.published_at is None:
        return report
    if chain is None:
        report.add("voting rules", False, "the proposal is not opened on-chain", pending)
        return report
    final = _hash_of(proposal.latest)
    report.add("published text", chain.content_hash == final, f"on-chain {chain.content_hash[:18]}…")
    rules = (chain.deadline + 1 == int(proposal.deadline.timestamp()) and chain.quorum == proposal.quorum_required
             and chain.threshold_bps == proposal.threshold_bps)
    report.add("voting rules", rules, f"deadline, quorum {chain.quorum}, threshold {chain.threshold_bps / 100:g}%")
    _votes(report, ledger, proposal, votes, pending)
    report.add("tally", chain.tally == tally,
               f"database {_counts(tally)} · chain {_counts(chain.tally)}", pending)
    if proposal.state is ProposalState.WITHDRAWN:
        report.add("withdrawn", chain.outcome == "withdrawn", f"chain {chain.outcome or 'still open'}", pending)
    if proposal.outcome is not None:
        expected = proposal.outcome.value
        report.add("outcome", chain.outcome == expected, f"database {expected} · chain {chain.outcome or 'open'}",
                   pending)
    return report


def _hash_of(revision) -> str:
    return content_hash(revision.title, revision.body)


def _record_hash(uow: UnitOfWork, provenance_id: int | None) -> str | None:
    stored = uow.provenance.get(provenance_id) if provenance_id is not None else None
    return stored.record_hash if stored else None


def _revisions(report: VerifyReport, ledger: LedgerReader, proposal: Proposal,
               authors: dict[int, str | None], pending: bool) -> None:
    for revision in proposal.revisions:
        recomputed = _hash_of(revision)
        report.add(f"revision {revision.number} text", recomputed == revision.content_hash,
                   "stored text matches its hash" if recomputed == revision.content_hash
                   else "stored text does not match its recorded hash")
        on_chain = ledger.revision(proposal.community_id, proposal.id, revision.number)
        content = on_chain[0] if on_chain else None
        report.add(f"revision {revision.number} on-chain", content == recomputed,
                   f"{content[:18]}…" if content else "not on-chain", pending and on_chain is None)
        if on_chain and (authors[revision.number] or on_chain[1]):
            # the AI output that wrote this revision, as the chain names it
            report.add(f"revision {revision.number} author", on_chain[1] == authors[revision.number],
                       f"AI output #{revision.provenance_id}" if on_chain[1] == authors[revision.number]
                       else "the chain names a different AI output")


def _votes(report: VerifyReport, ledger: LedgerReader, proposal: Proposal, votes, pending: bool) -> None:
    on_chain = ledger.ballots(proposal.community_id, proposal.id, [v.voter for v in votes])
    wrong = [v for v in votes if on_chain.get(v.voter) != int(v.support)]
    report.add("votes", not wrong, f"{len(votes) - len(wrong)} of {len(votes)} match the chain", pending)
    for vote in wrong[:MAX_VOTE_ITEMS]:
        chain_value = on_chain.get(vote.voter)
        shown = Support(chain_value).label if chain_value is not None else "none"
        report.add(f"vote of {vote.voter}", False, f"database {vote.support.label} · chain {shown}", pending)


def _counts(tally) -> str:
    return f"{tally.for_votes} for / {tally.against_votes} against / {tally.abstain_votes} abstain"

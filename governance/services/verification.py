"""Verify: recompute every hash from the stored text and compare the database with the chain."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from governance.domain import Proposal, ProposalState, Support, Tally
from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus
from governance.domain.text import content_hash
from governance.ports import LedgerReader, UnitOfWork
from governance.services import lookup

MAX_VOTE_ITEMS = 20  # mismatching votes listed one by one, up to this many


class Check(str, enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    PENDING = "pending"  # not on-chain yet, and the record that writes exactly this value is in flight


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
    """Each item passes, fails, or is pending. Pending means only this: the chain does not hold the
    database's value yet and a record that writes exactly that value is in flight (pending or sent).
    Whenever the chain holds something else, or the record that should have written it failed, the
    item fails, whatever else is still pending."""
    with uow:
        proposal = lookup.proposal(uow, proposal_id)
        authors = {r.number: _record_hash(uow, r.provenance_id) for r in proposal.revisions}
        votes = uow.votes.list(proposal_id)
        tally = uow.votes.tally(proposal_id)
        flight = InFlight(uow.outbox.for_proposal(proposal_id))
    report = VerifyReport(f"proposal #{proposal_id}", ledger.location(proposal.community_id))
    for record in flight.failed:
        report.add(f"record {record.key}", False, f"the chain refused it: {record.last_error or 'no reason kept'}")
    _revisions(report, ledger, proposal, authors, flight)
    chain = ledger.proposal(proposal.community_id, proposal_id) if proposal.published_at else None
    if proposal.published_at is None:
        return report
    if chain is None:
        report.add("voting rules", False, "the proposal is not opened on-chain", flight.carries(RecordKind.OPEN))
        return report
    final = _hash_of(proposal.latest)
    report.add("published text", chain.content_hash == final, f"on-chain {chain.content_hash[:18]}…")
    rules = (chain.deadline + 1 == int(proposal.deadline.timestamp()) and chain.quorum == proposal.quorum_required
             and chain.threshold_bps == proposal.threshold_bps)
    report.add("voting rules", rules, f"deadline, quorum {chain.quorum}, threshold {chain.threshold_bps / 100:g}%")
    expected = _votes(report, ledger, proposal, votes, flight, chain.tally)
    report.add("tally", chain.tally == tally, f"database {_counts(tally)} · chain {_counts(chain.tally)}",
               expected == tally)
    if proposal.state is ProposalState.WITHDRAWN:
        report.add("withdrawn", chain.outcome == "withdrawn", f"chain {chain.outcome or 'still open'}",
                   chain.outcome is None and flight.carries(RecordKind.WITHDRAW))
    if proposal.outcome is not None:
        decided = proposal.outcome.value
        report.add("outcome", chain.outcome == decided, f"database {decided} · chain {chain.outcome or 'open'}",
                   chain.outcome is None and flight.carries(RecordKind.CLOSE))
    return report


class InFlight:
    """A proposal's outbox records: which are still on their way (pending or sent), which failed."""

    def __init__(self, records: list[OutboxRecord]):
        moving = (RecordStatus.PENDING, RecordStatus.SENT)
        self.moving = [r for r in records if r.status in moving]
        self.failed = [r for r in records if r.status is RecordStatus.FAILED]

    def carries(self, kind: RecordKind, **payload) -> bool:
        return any(r.kind is kind and all(r.payload.get(k) == v for k, v in payload.items()) for r in self.moving)


def _hash_of(revision) -> str:
    return content_hash(revision.title, revision.body)


def _record_hash(uow: UnitOfWork, provenance_id: int | None) -> str | None:
    stored = uow.provenance.get(provenance_id) if provenance_id is not None else None
    return stored.record_hash if stored else None


def _revisions(report: VerifyReport, ledger: LedgerReader, proposal: Proposal,
               authors: dict[int, str | None], flight: InFlight) -> None:
    for revision in proposal.revisions:
        recomputed = _hash_of(revision)
        report.add(f"revision {revision.number} text", recomputed == revision.content_hash,
                   "stored text matches its hash" if recomputed == revision.content_hash
                   else "stored text does not match its recorded hash")
        on_chain = ledger.revision(proposal.community_id, proposal.id, revision.number)
        content = on_chain[0] if on_chain else None
        report.add(f"revision {revision.number} on-chain", content == recomputed,
                   f"{content[:18]}…" if content else "not on-chain",
                   on_chain is None and flight.carries(RecordKind.REVISION, number=revision.number))
        if on_chain and (authors[revision.number] or on_chain[1]):
            # the AI output that wrote this revision, as the chain names it
            report.add(f"revision {revision.number} author", on_chain[1] == authors[revision.number],
                       f"AI output #{revision.provenance_id}" if on_chain[1] == authors[revision.number]
                       else "the chain names a different AI output")


def _votes(report: VerifyReport, ledger: LedgerReader, proposal: Proposal, votes, flight: InFlight,
           chain_tally: Tally) -> Tally:
    """Each vote against the chain; returns the tally the chain will hold once the votes in flight land."""
    on_chain = ledger.ballots(proposal.community_id, proposal.id, [v.voter for v in votes])
    wrong = [v for v in votes if on_chain.get(v.voter) != int(v.support)]
    coming = {v.voter for v in wrong if flight.carries(RecordKind.VOTE, voter=v.voter, sequence=v.changes,
                                                        support=int(v.support))}
    report.add("votes", not wrong, f"{len(votes) - len(wrong)} of {len(votes)} match the chain",
               bool(wrong) and len(coming) == len(wrong))
    for vote in wrong[:MAX_VOTE_ITEMS]:
        chain_value = on_chain.get(vote.voter)
        shown = Support(chain_value).label if chain_value is not None else "none"
        report.add(f"vote of {vote.voter}", False, f"database {vote.support.label} · chain {shown}",
                   vote.voter in coming)
    counts = [chain_tally.against_votes, chain_tally.for_votes, chain_tally.abstain_votes]
    for vote in wrong:
        if vote.voter in coming:
            if on_chain.get(vote.voter) is not None:
                counts[on_chain[vote.voter]] -= 1
            counts[int(vote.support)] += 1
    return Tally(for_votes=counts[1], against_votes=counts[0], abstain_votes=counts[2])


def _counts(tally) -> str:
    return f"{tally.for_votes} for / {tally.against_votes} against / {tally.abstain_votes} abstain"

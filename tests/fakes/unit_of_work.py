"""A unit of work in memory (governance.ports.UnitOfWork), so use cases run in tests/unit in
milliseconds. It keeps the SQL one's promises that use cases rely on: a transaction sees a copy of
the committed state and changes it all or not at all (commit, or leave the `with` block); ids are
assigned in order; a duplicate outbox key is a Conflict; proposals and votes come back as copies, so
a use case that changes an object it read has changed nothing until it saves and commits.

    database = InMemoryDatabase()
    gov = Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock)
"""

from __future__ import annotations

import copy
import dataclasses
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from governance.domain import Community, Proposal, ProposalState, Tally, Vote
from governance.domain.announcements import Announcement
from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus
from governance.domain.provenance import Anchor, StoredProvenance
from governance.domain.scheduled_runs import RESULT, RunKey, RunStatus, proposal_subject
from governance.errors import Conflict


@dataclass
class Run:
    key: RunKey
    status: RunStatus
    claimed_by: str
    claimed_at: datetime
    finished_at: datetime | None = None
    detail: str | None = None


@dataclass
class State:
    """Every table, as the committed state or one transaction's copy of it."""

    communities: dict[int, Community] = field(default_factory=dict)
    proposals: dict[int, Proposal] = field(default_factory=dict)
    votes: dict[tuple[int, str], Vote] = field(default_factory=dict)  # in the order first cast
    outbox: dict[str, OutboxRecord] = field(default_factory=dict)  # by key, in the order added
    audit: list[tuple[int, str, str, dict[str, Any], datetime]] = field(default_factory=list)
    provenance: dict[int, StoredProvenance] = field(default_factory=dict)
    anchors: dict[int, Anchor] = field(default_factory=dict)
    announcements: dict[int, Announcement] = field(default_factory=dict)
    runs: dict[RunKey, Run] = field(default_factory=dict)
    opt_ins: dict[tuple[int, int], datetime] = field(default_factory=dict)
    used_links: dict[str, datetime] = field(default_factory=dict)
    next_id: dict[str, int] = field(default_factory=dict)

    def copy(self) -> State:
        """A transaction's copy: new tables holding the same rows. Rows are never changed in place
        (the repositories store and return copies of what is mutable), so sharing them is safe."""
        return State(**{name: type(table)(table) for name, table in vars(self).items()})

    def new_id(self, table: str) -> int:
        self.next_id[table] = self.next_id.get(table, 0) + 1
        return self.next_id[table]


class InMemoryDatabase:
    """The committed state, shared by every unit of work made on it."""

    def __init__(self) -> None:
        self.state = State()
        self.lock = threading.RLock()  # one transaction at a time, like SQLite's writer
        self.commits = 0  # transactions that committed, for tests that count them


class InMemoryUnitOfWork:
    def __init__(self, database: InMemoryDatabase):
        self.database = database

    def __enter__(self) -> InMemoryUnitOfWork:
        self.database.lock.acquire()
        self.state = self.database.state.copy()
        self.communities = Communities(self.state)
        self.proposals = Proposals(self.state)
        self.votes = Votes(self.state)
        self.outbox = Outbox(self.state)
        self.audit = Audit(self.state)
        self.provenance = Provenance(self.state)
        self.announcements = Announcements(self.state)
        self.runs = Runs(self.state)
        self.reminder_opt_ins = OptIns(self.state)
        self.used_links = UsedLinks(self.state)
        return self

    def __exit__(self, *exc: object) -> None:
        self.database.lock.release()  # whatever was not committed is dropped with the copy

    def commit(self) -> None:
        self.database.state = self.state.copy()
        self.database.commits += 1

    def rollback(self) -> None:
        vars(self.state).update(vars(self.database.state.copy()))


class _Table:
    def __init__(self, state: State):
        self.state = state


class Communities(_Table):
    def get(self, community_id: int) -> Community | None:
        return copy.deepcopy(self.state.communities.get(community_id))

    def add(self, community: Community) -> None:
        if community.id in self.state.communities:
            raise Conflict()
        self.state.communities[community.id] = copy.deepcopy(community)

    def save(self, community: Community) -> None:
        self.state.communities[community.id] = copy.deepcopy(community)

    def list(self) -> list[Community]:
        return [copy.deepcopy(c) for _, c in sorted(self.state.communities.items())]


class Proposals(_Table):
    def get(self, proposal_id: int, with_revisions: bool = True) -> Proposal | None:
        found = self.state.proposals.get(proposal_id)
        if found is None:
            return None
        proposal = copy.deepcopy(found)
        if not with_revisions:
            proposal.revisions = []  # voting needs the rules and deadline, not the text
        return proposal

    def get_for_update(self, proposal_id: int) -> Proposal | None:
        return self.get(proposal_id)

    def add(self, proposal: Proposal) -> None:
        proposal.id = self.state.new_id("proposal")
        self.state.proposals[proposal.id] = copy.deepcopy(proposal)

    def save(self, proposal: Proposal) -> None:
        """Writes the state; revisions are only ever added (one loaded without them keeps them)."""
        stored = self.state.proposals[proposal.id]
        known = len(stored.revisions)
        saved = copy.deepcopy(proposal)
        saved.revisions = stored.revisions + [r for r in saved.revisions if r.number > known]
        self.state.proposals[proposal.id] = saved

    def list(self, community_id: int | None = None, states: tuple[ProposalState, ...] = (),
             limit: int = 100) -> list[Proposal]:
        found = [p for _, p in sorted(self.state.proposals.items(), reverse=True)
                 if (community_id is None or p.community_id == community_id) and (not states or p.state in states)]
        return [copy.deepcopy(p) for p in found[:limit]]

    def due_for_closing(self, now: datetime) -> list[int]:
        return sorted(pid for pid, p in self.state.proposals.items()
                      if p.state is ProposalState.ACTIVE and p.deadline <= now)


class Votes(_Table):
    def get(self, proposal_id: int, voter: str, lock: bool = False) -> Vote | None:
        return self.state.votes.get((proposal_id, voter))

    def get_many(self, proposal_id: int, voters: list[str], lock: bool = False) -> dict[str, Vote]:
        return {v: self.state.votes[(proposal_id, v)] for v in voters if (proposal_id, v) in self.state.votes}

    def put(self, vote: Vote) -> None:
        self.state.votes[(vote.proposal_id, vote.voter)] = vote  # frozen: no copy needed

    def put_many(self, votes: list[Vote]) -> None:
        for vote in votes:
            self.put(vote)

    def tally(self, proposal_id: int) -> Tally:
        return Tally.of(v.support for (pid, _), v in self.state.votes.items() if pid == proposal_id)

    def tallies(self, proposal_ids: list[int]) -> dict[int, Tally]:
        return {pid: self.tally(pid) for pid in proposal_ids}

    def voters(self, proposal_id: int) -> set[str]:
        return {voter for pid, voter in self.state.votes if pid == proposal_id}

    def list(self, proposal_id: int) -> list[Vote]:
        return [v for (pid, _), v in self.state.votes.items() if pid == proposal_id]


class Outbox(_Table):
    def add(self, record: OutboxRecord) -> None:
        if record.key in self.state.outbox:
            raise Conflict()  # the key is unique: the same change never enters the outbox twice
        self.state.outbox[record.key] = dataclasses.replace(record, id=self.state.new_id("outbox"))

    def add_many(self, records: list[OutboxRecord]) -> None:
        for record in records:
            self.add(record)

    def links(self, community_id: int) -> list[OutboxRecord]:
        return [copy.deepcopy(r) for r in sorted(self.state.outbox.values(), key=lambda r: r.id or 0)
                if r.kind in (RecordKind.LINK, RecordKind.UNLINK) and r.community_id == community_id]

    def get(self, key: str) -> OutboxRecord | None:
        return copy.deepcopy(self.state.outbox.get(key))

    def for_proposal(self, proposal_id: int) -> list[OutboxRecord]:
        return [copy.deepcopy(r) for r in self.state.outbox.values() if r.payload.get("proposal_id") == proposal_id]

    def ballots(self, community_id: int, since: datetime) -> list[OutboxRecord]:
        return [copy.deepcopy(r) for r in self.state.outbox.values()
                if r.kind is RecordKind.BALLOT and r.community_id == community_id and r.created_at >= since]
    def failed(self, limit: int) -> list[OutboxRecord]:
        return [copy.deepcopy(r) for r in self.state.outbox.values() if r.status is RecordStatus.FAILED][:limit]

    def retry_failed(self, row_ids: list[int] | None = None) -> int:
        chosen = [r for r in self.state.outbox.values()
                  if r.status is RecordStatus.FAILED and (row_ids is None or r.id in row_ids)]
        for record in chosen:
            record.status, record.tx_hash, record.block_number = RecordStatus.PENDING, None, None
        return len(chosen)


class Audit(_Table):
    def add(self, community_id: int, actor: str, action: str, detail: dict[str, Any], at: datetime) -> None:
        self.state.audit.append((community_id, actor, action, copy.deepcopy(detail), at))


class Provenance(_Table):
    def add(self, record_hash: str, canonical: str, community_id: int | None = None) -> StoredProvenance:
        """Stores a record (what the AI record store does outside a unit of work)."""
        stored = StoredProvenance(self.state.new_id("provenance"), record_hash, canonical, community_id, None)
        self.state.provenance[stored.id] = stored
        return stored

    def get(self, provenance_id: int) -> StoredProvenance | None:
        return self.state.provenance.get(provenance_id)

    def find(self, record_hash: str) -> StoredProvenance | None:
        return next((p for p in self.state.provenance.values() if p.record_hash == record_hash), None)

    def claim(self, provenance_id: int, community_id: int) -> StoredProvenance | None:
        stored = self.state.provenance.get(provenance_id)
        if stored is not None and stored.community_id is None:  # the first claim wins
            stored = self.state.provenance[provenance_id] = dataclasses.replace(stored, community_id=community_id)
        return stored

    def unanchored(self, community_id: int, limit: int) -> list[StoredProvenance]:
        return [p for _, p in sorted(self.state.provenance.items())
                if p.community_id == community_id and p.anchor_id is None][:limit]

    def add_anchor(self, community_id: int, root: str, record_ids: list[int], now: datetime) -> Anchor:
        anchor = Anchor(self.state.new_id("anchor"), community_id, root, len(record_ids))
        self.state.anchors[anchor.id] = anchor
        for record_id in record_ids:
            self.state.provenance[record_id] = dataclasses.replace(self.state.provenance[record_id],
                                                                   anchor_id=anchor.id)
        return anchor

    def anchor(self, anchor_id: int) -> Anchor | None:
        return self.state.anchors.get(anchor_id)

    def members(self, anchor_id: int) -> list[StoredProvenance]:
        return [p for p in self.state.provenance.values() if p.anchor_id == anchor_id]


class Announcements(_Table):
    def put(self, announcement: Announcement) -> None:
        self.state.announcements[announcement.proposal_id] = announcement

    def get(self, proposal_id: int) -> Announcement | None:
        return self.state.announcements.get(proposal_id)


class Runs(_Table):
    def claim(self, key: RunKey, now: datetime, by: str, status: RunStatus | None = None,
              detail: str | None = None) -> bool:
        if key in self.state.runs:
            return False
        status = status or RunStatus.CLAIMED
        finished = now if status is not RunStatus.CLAIMED else None
        self.state.runs[key] = Run(key, status, by, now, finished, detail)
        return True

    def finish(self, key: RunKey, status: RunStatus, now: datetime, detail: str | None = None) -> None:
        self.state.runs[key] = dataclasses.replace(self.state.runs[key], status=status, finished_at=now,
                                                   detail=detail)

    def latest(self, community_id: int, kind: str, statuses: Iterable[RunStatus] = (),
               subject: str | None = None) -> datetime | None:
        wanted = set(statuses)
        times = [k.scheduled_for for k, run in self.state.runs.items()
                 if k.community_id == community_id and k.kind == kind
                 and (subject is None or k.subject == subject) and (not wanted or run.status in wanted)]
        return max(times, default=None)

    def recorded_subjects(self, kind: str, subjects: list[str]) -> set[str]:
        return {k.subject for k in self.state.runs if k.kind == kind and k.subject in subjects}

    def closed_without_result(self, since: datetime) -> list[int]:
        announced = {(k.community_id, k.subject) for k in self.state.runs if k.kind == RESULT}
        return sorted(pid for pid, p in self.state.proposals.items()
                      if p.state is ProposalState.CLOSED and p.closed_at >= since
                      and (p.community_id, proposal_subject(pid)) not in announced)


class OptIns(_Table):
    def opt_in(self, community_id: int, member_id: int, now: datetime) -> None:
        self.state.opt_ins.setdefault((community_id, member_id), now)

    def opt_out(self, community_id: int, member_id: int) -> None:
        self.state.opt_ins.pop((community_id, member_id), None)

    def members(self, community_id: int) -> set[int]:
        return {member for community, member in self.state.opt_ins if community == community_id}


class UsedLinks(_Table):
    def redeem(self, token_id: str, community_id: int, member: str, purpose: str, at: datetime) -> bool:
        if token_id in self.state.used_links:
            return False
        self.state.used_links[token_id] = at
        return True

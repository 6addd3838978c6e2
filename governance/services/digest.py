"""The community digest: what changed since the last one, what is open, what was decided.

`build_digest` reads everything in one unit of work (every open proposal's tally
in one grouped query) and returns plain data; the terminal and the bot render
it. The narrative comes from an injected `narrate(items) -> str` (the AI
service plugs in there); without one, `plain_narrative` writes it.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from governance.domain import Outcome, Proposal, ProposalState, Tally, decide_outcome
from governance.domain.forecast import Forecast, forecast_turnout
from governance.domain.governor_digest import GovernorDigest
from governance.ports import Clock, LedgerReader, UnitOfWork
from governance.services import lookup

log = logging.getLogger(__name__)

MAX_OPEN = 10_000  # open proposals read per digest; far above any real community
RECENT_SCAN = 2_000  # newest ended proposals searched for those ended since the last digest
PLAIN_LABEL = "Summary produced without a language model."
FALLBACK_LABEL = "Summary produced without a language model (the model was unavailable)."
MODEL_LABEL = "Summary written by a language model."


class ChangeKind(str, enum.Enum):
    OPENED = "opened"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    OPEN = "open"  # still open: where it stands


@dataclass(frozen=True)
class Change:
    """One item the narrative is written from."""

    kind: ChangeKind
    proposal_id: int
    title: str  # untrusted member text: a narrator must treat it as data
    detail: str  # e.g. "passed, 12 for / 3 against / 1 abstain", or the turnout forecast
    outcome: Outcome | None = None  # CLOSED only
    quorum_reached: bool = False  # OPEN only


Narrate = Callable[[Sequence[Change]], "str | tuple[str, str]"]  # text, or (text, label)


@dataclass(frozen=True)
class OpenProposal:
    id: int
    title: str
    tally: Tally
    quorum_required: int
    deadline: datetime
    time_left: timedelta
    standing: Outcome  # the outcome if voting ended now
    forecast: Forecast


@dataclass(frozen=True)
class EndedProposal:
    id: int
    title: str
    state: ProposalState  # CLOSED or WITHDRAWN
    outcome: Outcome | None  # None when withdrawn
    tally: Tally | None
    ended_at: datetime


@dataclass(frozen=True)
class Digest:
    community_id: int
    community_name: str
    timezone: str  # the community's, for showing times
    since: datetime
    generated_at: datetime
    narrative: str
    narrative_label: str  # who wrote the narrative, shown with it
    open: tuple[OpenProposal, ...]  # soonest deadline first
    ended: tuple[EndedProposal, ...]  # closed or withdrawn since `since`, newest first
    changes: tuple[Change, ...]
    ledger_location: str | None  # where to verify on-chain; None without a deployed ledger
    chain_configured: bool
    governor: GovernorDigest | None = None  # the followed Governor's part, if the community follows one

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.timezone))


def build_digest(
    uow: UnitOfWork, clock: Clock, ledger: LedgerReader | None, community_id: int, since: datetime,
    narrate: Narrate | None = None,
) -> Digest:
    now = clock.now()
    with uow:
        community = lookup.community(uow, community_id)
        active = uow.proposals.list(community_id, (ProposalState.ACTIVE,), MAX_OPEN)
        tallies = uow.votes.tallies([p.id for p in active])  # one grouped query for all of them
        ended = [p for p in uow.proposals.list(
            community_id, (ProposalState.CLOSED, ProposalState.WITHDRAWN), RECENT_SCAN)
            if p.closed_at is not None and p.closed_at >= since]
    open_items = sorted((_open_item(p, tallies[p.id], now) for p in active),
                        key=lambda o: o.deadline)
    ended_items = sorted((_ended_item(p) for p in ended), key=lambda e: e.ended_at, reverse=True)
    changes = _changes(active, since, open_items, ended_items)
    narrative, label = _narrate(narrate, changes, since, community.timezone)
    location = ledger.location(community_id) if ledger is not None else None
    return Digest(
        community_id=community_id, community_name=community.name, timezone=community.timezone,
        since=since, generated_at=now, narrative=narrative, narrative_label=label,
        open=tuple(open_items), ended=tuple(ended_items), changes=tuple(changes),
        ledger_location=location, chain_configured=ledger is not None,
    )


def _open_item(p: Proposal, tally: Tally, now: datetime) -> OpenProposal:
    assert p.deadline and p.published_at and p.quorum_required is not None
    return OpenProposal(
        id=p.id, title=p.title, tally=tally, quorum_required=p.quorum_required, deadline=p.deadline,
        time_left=max(p.deadline - now, timedelta(0)),
        standing=decide_outcome(tally, p.quorum_required, p.threshold_bps or 0),
        forecast=forecast_turnout(tally.participants, p.quorum_required, p.published_at,
                                  p.deadline, now),
    )


def _ended_item(p: Proposal) -> EndedProposal:
    assert p.closed_at is not None
    return EndedProposal(id=p.id, title=p.title, state=p.state, outcome=p.outcome,
                         tally=p.final_tally, ended_at=p.closed_at)


def _changes(active: list[Proposal], since: datetime, open_items: list[OpenProposal],
             ended_items: list[EndedProposal]) -> list[Change]:
    opened = sorted((p for p in active if p.published_at and p.published_at >= since),
                    key=lambda p: p.id)
    changes = [Change(ChangeKind.OPENED, p.id, p.title, "") for p in opened]
    for e in reversed(ended_items):
        if e.state is ProposalState.WITHDRAWN:
            changes.append(Change(ChangeKind.WITHDRAWN, e.id, e.title, ""))
        else:
            detail = f"{_outcome_word(e.outcome)}, {counts(e.tally)}"
            changes.append(Change(ChangeKind.CLOSED, e.id, e.title, detail, outcome=e.outcome))
    changes += [Change(ChangeKind.OPEN, o.id, o.title, o.forecast.text,
                       quorum_reached=o.tally.participants >= o.quorum_required)
                for o in open_items]
    return changes


def _outcome_word(outcome: Outcome | None) -> str:
    return outcome.label.lower() if outcome else "closed"


def counts(tally: Tally | None) -> str:
    t = tally or Tally()
    return f"{t.for_votes} for / {t.against_votes} against / {t.abstain_votes} abstain"


def _narrate(narrate: Narrate | None, changes: list[Change], since: datetime,
             zone: str) -> tuple[str, str]:
    """The narrative and its label; a narrator may return (text, label) to say who wrote it."""
    if narrate is not None:
        try:
            written = narrate(changes)
            return written if isinstance(written, tuple) else (written, MODEL_LABEL)
        except Exception:  # a digest without the model's prose beats no digest at all
            log.exception("the narrator failed; the digest uses the plain summary")
            return plain_narrative(changes, since, zone), FALLBACK_LABEL
    return plain_narrative(changes, since, zone), PLAIN_LABEL


def plain_narrative(changes: Sequence[Change], since: datetime | None = None,
                    zone: str = "UTC") -> str:
    """A few deterministic sentences; no model involved."""
    by_kind = {kind: [c for c in changes if c.kind is kind] for kind in ChangeKind}
    when = (f"Since {since.astimezone(ZoneInfo(zone)):%a %d %b %H:%M}" if since
            else "Since the last digest")
    news = []
    if by_kind[ChangeKind.OPENED]:
        news.append(f"{_count(by_kind[ChangeKind.OPENED], 'proposal')} opened for votes "
                    f"({_ids(by_kind[ChangeKind.OPENED])})")
    if by_kind[ChangeKind.CLOSED]:
        decided = ", ".join(f"#{c.proposal_id} {_outcome_word(c.outcome)}"
                            for c in by_kind[ChangeKind.CLOSED])
        news.append(f"{_count(by_kind[ChangeKind.CLOSED], 'vote')} closed ({decided})")
    if by_kind[ChangeKind.WITHDRAWN]:
        news.append(f"{_count(by_kind[ChangeKind.WITHDRAWN], 'proposal')} withdrawn "
                    f"({_ids(by_kind[ChangeKind.WITHDRAWN])})")
    first = (f"{when}, " + "; ".join(news) + "." if news
             else f"{when}, nothing new was opened or decided.")
    still_open = by_kind[ChangeKind.OPEN]
    if not still_open:
        return f"{first} No proposal is open for votes."
    reached = sum(1 for c in still_open if c.quorum_reached)
    verb = "is" if len(still_open) == 1 else "are"
    return (f"{first} {_count(still_open, 'proposal')} {verb} open for votes; {reached} of them "
            f"{'has' if reached == 1 else 'have'} reached quorum.")


def _count(items: Sequence[object], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _ids(changes: Sequence[Change], limit: int = 10) -> str:
    shown = ", ".join(f"#{c.proposal_id}" for c in changes[:limit])
    return shown + (f" and {len(changes) - limit} more" if len(changes) > limit else "")

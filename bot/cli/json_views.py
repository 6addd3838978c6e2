"""JSON forms of what the CLI shows (`--json`), for scripts. The keys are stable (documented in the
README); times are ISO 8601 in UTC, durations whole seconds, hashes full 0x-hex, absent values null."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from governance.application import ChainStatus
from governance.domain import Community, Proposal, QuorumKind, Revision, Tally
from governance.ports import LedgerDeployment
from governance.services.digest import Digest, EndedProposal, OpenProposal
from governance.services.queries import TallyView
from governance.services.verification import VerifyReport


def dump(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _seconds(delta: timedelta | None) -> int | None:
    return int(delta.total_seconds()) if delta is not None else None


def community_json(c: Community) -> dict:
    quorum = ({"kind": "count", "voters": c.quorum.value} if c.quorum.kind is QuorumKind.COUNT
              else {"kind": "share", "share_bps": c.quorum.value})
    return {"id": c.id, "name": c.name, "quorum": quorum, "threshold_bps": c.threshold_bps,
            "voting_period_seconds": _seconds(c.voting_period), "voter_role_id": c.eligible_role_id,
            "proposer_role_id": c.proposer_role_id, "digest_channel_id": c.digest_channel_id,
            "digest_schedule": c.digest_cron, "timezone": c.timezone}


def tally_counts(t: Tally | None) -> dict | None:
    if t is None:
        return None
    return {"for": t.for_votes, "against": t.against_votes, "abstain": t.abstain_votes, "voters": t.participants}


def proposal_json(p: Proposal) -> dict:
    """The proposal as `proposal list --json` lists it."""
    return {"id": p.id, "community_id": p.community_id, "title": p.title, "state": p.state.value,
            "outcome": p.outcome.value if p.outcome else None, "author": p.author,
            "revisions": len(p.revisions), "content_hash": p.latest.content_hash,
            "created_at": _time(p.created_at), "published_at": _time(p.published_at),
            "deadline": _time(p.deadline), "closed_at": _time(p.closed_at)}


def revision_json(r: Revision) -> dict:
    return {"number": r.number, "title": r.title, "author": r.author, "created_at": _time(r.created_at),
            "content_hash": r.content_hash, "ai_output_id": r.provenance_id}


def proposal_detail_json(p: Proposal, view: TallyView | None) -> dict:
    """`proposal show --json`: the listing's keys, the text, every revision, and the tally once open."""
    shown = p.state.value != "draft" and view is not None
    return {**proposal_json(p), "body": p.latest.body, "eligible": p.eligible_count,
            "quorum_required": p.quorum_required, "threshold_bps": p.threshold_bps,
            "revision_history": [revision_json(r) for r in p.revisions],
            "tally": tally_json(view) if shown else None}


def tally_json(view: TallyView) -> dict:
    return {"proposal_id": view.proposal.id, "state": view.proposal.state.value, **tally_counts(view.tally),
            "quorum_required": view.quorum_required, "quorum_reached": view.quorum_reached,
            "threshold_bps": view.threshold_bps, "standing": view.standing.value,
            "final": view.proposal.outcome is not None}


def _open_json(o: OpenProposal) -> dict:
    return {"id": o.id, "title": o.title, **tally_counts(o.tally), "quorum_required": o.quorum_required,
            "deadline": _time(o.deadline), "seconds_left": _seconds(o.time_left), "standing": o.standing.value,
            "forecast": {"outlook": o.forecast.outlook.value, "projected_voters": o.forecast.projected,
                         "text": o.forecast.text}}


def _ended_json(e: EndedProposal) -> dict:
    return {"id": e.id, "title": e.title, "state": e.state.value, "outcome": e.outcome.value if e.outcome else None,
            "tally": tally_counts(e.tally), "ended_at": _time(e.ended_at)}


def digest_json(d: Digest) -> dict:
    return {"community_id": d.community_id, "community_name": d.community_name, "timezone": d.timezone,
            "since": _time(d.since), "generated_at": _time(d.generated_at), "narrative": d.narrative,
            "narrative_label": d.narrative_label, "open": [_open_json(o) for o in d.open],
            "ended": [_ended_json(e) for e in d.ended], "ledger": d.ledger_location,
            "chain_configured": d.chain_configured}


def deployment_json(d: LedgerDeployment) -> dict:
    return {"community_id": d.community_id, "address": d.address, "chain_id": d.chain_id,
            "deployed_block": d.deployed_block}


def verify_json(report: VerifyReport) -> dict:
    result = "pass" if report.passed else "fail" if report.failed else "pending"
    return {"subject": report.subject, "ledger": report.location, "result": result,
            "items": [{"name": i.name, "check": i.check.value, "detail": i.detail} for i in report.items]}


def chain_status_json(status: ChainStatus) -> dict:
    return {"chain": status.description, "outbox": dict(sorted(status.outbox.items())),
            "ledgers": [deployment_json(d) for d in status.deployments],
            "failed": [{"id": r.id, "key": r.key, "kind": r.kind.value, "proposal_id": r.payload.get("proposal_id"),
                        "reason": r.last_error} for r in status.failed]}

"""JSON forms of a followed Governor's views (`--json`): integers as decimal strings, times in ISO 8601."""

from __future__ import annotations

from dataclasses import asdict


def _time(moment) -> str | None:
    return moment.isoformat() if moment else None


def info_json(info) -> dict:
    data = asdict(info)
    data["token"] = {"address": info.token.address, "symbol": info.token.symbol, "decimals": info.token.decimals}
    data["proposal_threshold"] = str(info.proposal_threshold)
    data["attached_at"] = _time(info.attached_at)
    return data


def proposal_json(p, full: bool = False) -> dict:
    w = p.window
    data = {
        "number": p.number, "proposal_id": p.proposal_id, "title": p.title, "state": p.state, "proposer": p.proposer,
        "voting": {"clock": w.clock, "start": w.start_timepoint, "end": w.end_timepoint,
                   "starts_at": _time(w.starts_at), "ends_at": _time(w.ends_at), "estimated": w.estimated},
        "eta": _time(p.eta), "expires_at": _time(p.expires_at), "id_matches": p.id_matches,
        "findings": [f.as_dict() for f in p.findings],
        "next_call": call_json(p.next_call),
    }
    if full:
        data.update(description=p.description, calls=p.calls, created_at=_time(p.created_at))
    return data


def call_json(call) -> dict | None:
    if call is None:
        return None
    return {"contract": call.contract, "function": call.function, "args": call.args, "value": str(call.value),
            "calldata": call.calldata}


def tally_json(t) -> dict:
    return {
        "token": t.token.symbol, "decimals": t.token.decimals, "for": str(t.for_votes),
        "against": str(t.against_votes), "abstain": str(t.abstain_votes), "voters": t.voters,
        "quorum": None if t.quorum is None else str(t.quorum), "quorum_reached": t.quorum_reached,
        "supply_at_snapshot": None if t.supply_at_snapshot is None else str(t.supply_at_snapshot),
        "turnout": None if t.turnout is None else f"{t.turnout:.6f}",
    }


def action_json(a) -> dict:
    return {"proposal_id": a.proposal_id, "title": a.title, "action": a.action, "due_at": _time(a.due_at),
            "note": a.note, "call": call_json(a.call)}

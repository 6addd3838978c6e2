"""Posts about a followed Governor as plain text: the terminal prints them, the bot builds its
embeds and replies from the same pieces. Titles and descriptions are the proposer's text and
pass through unchanged (the bot posts with mentions disabled; the terminal prints without
markup). Counts are in token units: "1.2M ENS" at a glance, every digit where it matters."""

from __future__ import annotations

from datetime import datetime

from governance.domain.engines import Count, Units
from governance.domain.governor import Severity
from governance.domain.governor.call_text import calls_text
from governance.domain.governor.findings import Finding
from governance.domain.governor.posts import GovernorUpdate
from governance.domain.governor.views import GovernorInfo, GovernorProposal, PendingAction, TokenTally
from governance.domain.governor_digest import GovernorDigest, OpenGovernorProposal, forecast_text
from governance.domain.wording import plural
from governance.scheduler.publisher import GovernorPost, ReminderWindow
from governance.services.engines.governor import as_count

STATE_WORDS = {"pending": "pending (voting not open yet)", "active": "open for votes", "canceled": "canceled",
               "defeated": "defeated", "succeeded": "passed (succeeded)", "queued": "queued in the timelock",
               "expired": "expired", "executed": "executed", "unknown": "unknown to the Governor"}
UPDATE_MARKS = {"quorum_reached": "🎯", "ended": "🏁", "queued": "⏳", "executed": "✅", "canceled": "✖️",
                "expired": "⌛"}
SEVERITY_MARKS = {Severity.DANGER: "🛑", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
MAX_DIGEST_LINES = 15


def utc(moment: datetime | None, estimated: bool = False) -> str:
    return ("≈ " if estimated else "") + f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "—"


def heading(proposal: GovernorProposal) -> str:
    return f"#{proposal.number} {proposal.title}"


def counts_line(count: Count) -> str:
    u = count.units
    return (f"For {u.short(count.for_votes)} · Against {u.short(count.against_votes)} · "
            f"Abstain {u.short(count.abstain_votes)}")


def quorum_line(count: Count) -> str:
    u = count.units
    if count.quorum is None:
        return "quorum: known once voting opens (it is counted at the snapshot)"
    mark = "reached ✓" if count.quorum_reached else f"{u.short(max(count.quorum - count.toward_quorum, 0))} to go"
    turnout = f"; turnout {count.turnout:.1%} of the voting power" if count.turnout is not None else ""
    return f"quorum {u.short(count.toward_quorum)} of {u.short(count.quorum)} at the snapshot — {mark}{turnout}"


def window_line(proposal: GovernorProposal) -> str:
    w = proposal.window
    blocks = f" (blocks {w.start_timepoint:,}–{w.end_timepoint:,})" if w.blocks else ""
    return f"voting {utc(w.starts_at, w.starts_estimated)} → {utc(w.ends_at, w.estimated)}{blocks}"


def finding_lines(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["✅ No findings: every amount and recipient the calls move is stated in the description."]
    return [f"{SEVERITY_MARKS[f.severity]} {f.message}" for f in findings]


def verify_hint(proposal: GovernorProposal) -> str:
    return (f"Check it: /verify {proposal.number} compares the index with the Governor; "
            f"`folkmoot governor tally {proposal.number}` from a terminal.")


def announcement_text(post: GovernorPost) -> str:
    p, count = post.proposal, as_count(post.tally)
    lines = [f"📜 New Governor proposal {heading(p)}", f"id {p.proposal_id}",
             f"{STATE_WORDS.get(p.state, p.state)} · {window_line(p)}",
             counts_line(count), quorum_line(count)]
    if post.summary is not None:
        lines += ["", "Summary (AI-generated, check it against the proposal):", post.summary.text]
    lines += ["", "Calls (decoded by folkmoot from the calldata):", calls_text(p.calls),
              "", "Findings:", *finding_lines(p.findings), "", verify_hint(p)]
    return "\n".join(lines)


def update_text(post: GovernorPost, update: GovernorUpdate) -> str:
    count = as_count(post.tally)
    tail = {"quorum_reached": f" — {quorum_line(count)}", "ended": f" — {counts_line(count)}"}.get(update.kind, "")
    return f"{UPDATE_MARKS.get(update.kind, '•')} {heading(post.proposal)}: {update.detail}{tail}"


def action_text(action: PendingAction, info: GovernorInfo) -> str:
    if action.call is None:
        return f"⌛ Governor proposal #{action.number} {action.title}: {action.note}."
    call = action.call
    lines = [f"⚙️ Governor proposal #{action.number} {action.title}: {action.note}.",
             f"Call {call.function} on {call.contract} (chain {info.chain_id})"
             + (f", sending {Units('ETH', 18).exact(call.value)}" if call.value else "") + " with:"]
    lines += [f"  {name}: {value}" for name, value in call.args.items()]
    lines.append(f"Calldata for a wallet or a Safe's transaction builder: {call.calldata}")
    return "\n".join(lines)


def reminder_text(post: GovernorPost, window: ReminderWindow) -> str:
    p, count = post.proposal, as_count(post.tally)
    return (f"⏰ Voting on Governor proposal {heading(p)} ends in about {window.label} "
            f"({utc(p.window.ends_at, p.window.estimated)}). {counts_line(count)}; {quorum_line(count)}. "
            "Vote with your wallet in the Governor's app.")


def tally_lines(tally: TokenTally) -> list[str]:
    count = as_count(tally)
    return [counts_line(count), quorum_line(count), f"{plural(count.voters, 'voter')} indexed"]


def digest_governor_sections(digest: GovernorDigest) -> list[tuple[str, str]]:
    """(heading, text) pairs for the digest."""
    changes = [f"#{c.number} {c.title} — {c.detail}" for c in digest.changes]
    if len(changes) > MAX_DIGEST_LINES:
        changes = changes[:MAX_DIGEST_LINES] + [f"… and {len(digest.changes) - MAX_DIGEST_LINES} more"]
    return [
        (f"On the Governor ({digest.governor})", "\n".join(changes) or "Nothing happened on the Governor."),
        (f"Open on the Governor ({len(digest.open)})",
         "\n".join(_open_line(o, digest.units) for o in digest.open[:MAX_DIGEST_LINES])
         or "No Governor proposal is open."),
    ]


def _open_line(item: OpenGovernorProposal, units: Units) -> str:
    state = "opens soon" if item.state == "pending" else f"ends {utc(item.ends_at, item.estimated)}"
    forecast = f" — {forecast_text(item.forecast, units)}" if item.forecast else ""
    return f"#{item.number} {item.title} — {counts_line(item.count)} — {quorum_line(item.count)} — {state}{forecast}"

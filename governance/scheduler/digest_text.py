"""The digest as plain text sections: the terminal prints them, the bot puts them in an embed.

Proposal titles are member text and pass through unchanged: the bot posts with
mentions disabled, and the terminal prints without markup.
"""

from __future__ import annotations

from governance.domain.durations import format_duration
from governance.domain.tally import Tally
from governance.scheduler.governor_text import digest_governor_sections
from governance.services.digest import Digest, EndedProposal, OpenProposal, counts

MAX_LISTED = 15  # per section; the chart and /proposal list show the rest


def digest_title(digest: Digest) -> str:
    day = digest.local(digest.generated_at)
    return f"Governance digest · {digest.community_name} · {day:%a %d %b %Y}"


def digest_sections(digest: Digest) -> list[tuple[str, str]]:
    """(heading, text) pairs, in reading order."""
    since = f"{digest.local(digest.since):%a %d %b %H:%M}"
    sections = [("What changed", f"{digest.narrative}\n{digest.narrative_label}")]
    if digest.governor is None or digest.open or digest.ended:  # a Governor's community: its own votes, if any
        sections += [
            (f"Open for votes ({len(digest.open)})", _listed(digest.open, _open_line, "No proposal is open.")),
            (f"Decided since {since}", _listed(digest.ended, _ended_line, "Nothing was decided.")),
        ]
    if digest.governor is not None:
        sections += digest_governor_sections(digest.governor)
    return [*sections, ("Verify on-chain", _verification(digest))]


def render_digest_text(digest: Digest) -> str:
    parts = [digest_title(digest)]
    for heading, text in digest_sections(digest):
        parts.append(f"\n{heading}\n{text}")
    return "\n".join(parts)


def _listed(items, line, empty: str) -> str:
    if not items:
        return empty
    lines = [line(item) for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        lines.append(f"… and {len(items) - MAX_LISTED} more")
    return "\n".join(lines)


def _open_line(item: OpenProposal) -> str:
    return (f"#{item.id} {item.title} — {_votes(item.tally)} — quorum "
            f"{item.tally.participants}/{item.quorum_required} — "
            f"{format_duration(item.time_left)} left — {item.forecast.text}")


def _ended_line(item: EndedProposal) -> str:
    if item.outcome is None:
        return f"#{item.id} {item.title} — withdrawn"
    return f"#{item.id} {item.title} — {item.outcome.label} ({counts(item.tally)})"


def _votes(tally: Tally) -> str:
    return f"For {tally.for_votes} · Against {tally.against_votes} · Abstain {tally.abstain_votes}"


def _verification(digest: Digest) -> str:
    if digest.governor is not None:
        return ("The Governor counts the votes on-chain (proposalVotes, weighted by voting power at each "
                "proposal's snapshot): /verify <number> compares folkmoot's index with it.")
    if not digest.chain_configured:
        return ("No on-chain ledger is connected here, so none is shown; where a chain is "
                "configured, /verify <id> compares a proposal with its on-chain record.")
    where = f"The ledger is {digest.ledger_location}." if digest.ledger_location else \
        "The community's ledger is not deployed yet."
    return ("Every vote and outcome is recorded on-chain: run /verify <id> to check a proposal. "
            + where)

"""Test stand-ins for the bot's services: an assistant that needs no model at all (it arranges the
member's own words into the standard sections) and the services bundle built on it, so most
e2e tests start a light bot. `folkmoot run` never uses these: it always has an AI app (a model,
or the extractive backend), exercised through the bot in test_live_services.py and
test_scheduled_posts.py.

Nothing is invented. Lines the member starts with a section name ("Budget: …" or
"## Budget") go to that section; the rest is the motivation; missing sections say so.
"""

from __future__ import annotations

import asyncio
import re

from bot.services import BotServices, Draft, SimilarProposal, Summary
from governance.app import Governance
from governance.domain import Proposal, ProposalState

WITHOUT_MODEL = "produced without a language model"
SECTIONS = ("Summary", "Motivation", "Specification", "Budget", "Timeline", "Risks")
NOT_STATED = "_Not stated yet._"
REVISION_NOTES = "Revision notes"
TITLE_CHARS = 90
SIMILAR_AT = 0.5  # share of the shorter text's words found in the other

_NAMES = "|".join(("Title",) + SECTIONS + (REVISION_NOTES,))
# "## Budget", "Budget:" or "## Budget: …" start a section; "Budget is tight" does not.
_HEADING = re.compile(rf"^\s*(?:#{{1,3}}\s*(?P<a>{_NAMES})\b\s*:?|(?P<b>{_NAMES})\s*:)\s*(?P<rest>.*)$",
                      re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W\d_]{4,}")


def first_sentence(text: str, limit: int = 300) -> str:
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"


def make_title(text: str) -> str:
    line = first_sentence(text).splitlines()[0] if text.strip() else "Untitled proposal"
    if len(line) > TITLE_CHARS:
        line = line[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return line.rstrip(" .!?:;,") or "Untitled proposal"


def split_sections(text: str) -> tuple[str | None, dict[str, str], str]:
    """(title, {section: text}, unlabelled text) from lines that name a section."""
    title, sections, loose, current = None, {}, [], None
    canonical = {name.lower(): name for name in SECTIONS + (REVISION_NOTES,)}
    for line in text.strip().splitlines():
        match = _HEADING.match(line)
        name = (match.group("a") or match.group("b")).lower() if match else None
        rest = match.group("rest").strip() if match else ""
        if name == "title":
            title, current = rest or None, None
            continue
        if name:
            sections.setdefault(canonical[name], [])
            if rest:
                sections[canonical[name]].append(rest)
            # "Budget: 500 EUR" is one line; "## Budget" runs until the next heading
            current = None if match.group("b") and rest else canonical[name]
            continue
        (sections[current] if current else loose).append(line)
    joined = {name: "\n".join(lines).strip() for name, lines in sections.items()}
    return title, {k: v for k, v in joined.items() if v}, "\n".join(loose).strip()


def render(sections: dict[str, str]) -> str:
    names = SECTIONS + ((REVISION_NOTES,) if sections.get(REVISION_NOTES) else ())
    return "\n\n".join(f"## {name}\n{sections.get(name) or NOT_STATED}" for name in names)


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def overlap(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= 3 else 0.0


class StandInAssistant:
    def __init__(self, governance: Governance):
        self.governance = governance

    async def draft(self, idea: str) -> Draft:
        title, sections, loose = split_sections(idea)
        if loose:
            sections["Motivation"] = "\n\n".join(filter(None, [sections.get("Motivation"), loose]))
        sections.setdefault("Summary", first_sentence(sections.get("Motivation") or idea))
        return Draft(title=title or make_title(loose or idea), body=render(sections),
                     model_label=WITHOUT_MODEL,
                     note="Written without a language model: your idea was arranged into sections, "
                          "nothing was added.")

    async def revise(self, title: str, body: str, feedback: str) -> Draft:
        _, current, _ = split_sections(body)
        new_title, changes, loose = split_sections(feedback)
        current.update(changes)
        if loose:
            notes = current.get(REVISION_NOTES, "")
            current[REVISION_NOTES] = "\n".join(filter(None, [notes, f"- {' '.join(loose.split())}"]))
        return Draft(title=new_title or title, body=render(current), model_label=WITHOUT_MODEL,
                     note="Written without a language model: sections you named (e.g. 'Budget: …') were "
                          "replaced; other feedback was added under Revision notes.")

    async def summarize(self, proposal: Proposal) -> Summary:
        latest = proposal.latest
        _, sections, loose = split_sections(latest.body)
        text = sections.get("Summary") or first_sentence(loose or latest.body)
        return Summary(text=text, provenance=f"Summary section of revision {latest.number}, "
                                             f"{WITHOUT_MODEL} · {latest.content_hash[:12]}…")

    async def similar(self, community_id: int, idea: str) -> list[SimilarProposal]:
        states = (ProposalState.DRAFT, ProposalState.ACTIVE, ProposalState.CLOSED)
        proposals = await asyncio.to_thread(self.governance.list, community_id, states, 200)
        wanted = words(idea)
        scored = [SimilarProposal(p.id, p.title, overlap(wanted, words(f"{p.title} {p.latest.body}")))
                  for p in proposals]
        return sorted((s for s in scored if s.score >= SIMILAR_AT), key=lambda s: -s.score)[:3]


def stand_in_services(governance: Governance) -> BotServices:
    """Everything the bot needs, without a model or a chain."""
    from bot.live.digest import ScheduledDigest
    from bot.offline import NoChain

    return BotServices(governance, StandInAssistant(governance), NoChain(), ScheduledDigest(governance))

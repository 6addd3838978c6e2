"""Governor proposals as members see them in Discord: the card (announcement and /proposal show),
the list, the tally, the summary with its decoded calls and findings, the watchdog's call, and
what /config governor attached. Counts are in token units ("1.2M FOLK"); every embed fits
Discord's limits, and what does not fit (hundreds of calls, a long description) goes into an
attached file, named in the embed."""

from __future__ import annotations

import io
from datetime import datetime

import discord
from discord.utils import format_dt

from bot.discord import format as fmt
from bot.discord.limits import DESCRIPTION, FIELD_VALUE, fit, one_line, shorten
from bot.discord.limits import width as text_width
from governance.ai.results import AiResult
from governance.domain.engines import Count, EngineProposal
from governance.domain.governor import Severity
from governance.domain.governor.call_text import call_lines, calls_text
from governance.domain.governor.views import GovernorInfo, GovernorProposal, PendingAction
from governance.domain.wording import plural
from governance.scheduler.governor_text import SEVERITY_MARKS, STATE_WORDS, finding_lines

STATE_LABELS = {"pending": "⏳ Pending: voting opens soon", "active": "🗳️ Open for votes",
                "canceled": "✖️ Canceled", "defeated": "❌ Defeated", "succeeded": "✅ Succeeded (to queue)",
                "queued": "⏱️ Queued in the timelock", "expired": "⌛ Expired", "executed": "🚀 Executed"}
COLOURS = {"pending": discord.Colour.gold(), "active": discord.Colour.blurple(),
           "succeeded": discord.Colour.green(), "queued": discord.Colour.teal(), "executed": discord.Colour.green(),
           "defeated": discord.Colour.red(), "canceled": discord.Colour.light_grey(),
           "expired": discord.Colour.dark_grey()}
LISTED = 10
CALLDATA_SHOWN = 1_500  # characters of calldata shown in a watchdog post; longer goes in a file


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, STATE_WORDS.get(state, state))


def file_name(proposal: GovernorProposal, what: str = "") -> str:
    return f"governor-proposal-{proposal.number}{'-' + what if what else ''}.md"


def when(moment: datetime | None, estimated: bool = False) -> str:
    if moment is None:
        return "—"
    return ("≈ " if estimated else "") + f"{format_dt(moment, 'f')} ({format_dt(moment, 'R')})"


def window(proposal: GovernorProposal) -> str:
    w = proposal.window
    line = f"{when(w.starts_at, w.starts_estimated)} → {when(w.ends_at, w.estimated)}"
    if w.blocks:
        line += f"\nblocks {w.start_timepoint:,} → {w.end_timepoint:,}"
    return line


def counts(count: Count) -> str:
    u = count.units
    return (f"For **{u.short(count.for_votes)}** · Against **{u.short(count.against_votes)}** · "
            f"Abstain **{u.short(count.abstain_votes)}**")


def quorum(count: Count) -> str:
    u = count.units
    if count.quorum is None:
        return "Counted at the snapshot, once voting opens."
    mark = "reached ✓" if count.quorum_reached else f"{u.short(max(count.quorum - count.toward_quorum, 0))} to go"
    line = (f"{fmt.progress_bar(count.toward_quorum, count.quorum)} {u.short(count.toward_quorum)} of "
            f"{u.short(count.quorum)} at the snapshot — {mark}")
    if count.turnout is not None:
        line += f"\nTurnout {count.turnout:.1%} of the voting power · {plural(count.voters, 'voter')}"
    return line


def calls_field(proposal: GovernorProposal, limit: int = FIELD_VALUE) -> tuple[str, bool]:
    """The calls, one line each (short addresses), within `limit`; True if some were left out."""
    if not proposal.calls:
        return calls_text([]), False
    lines = call_lines(proposal.calls, short_addresses=True)
    shown: list[str] = []
    for position, line in enumerate(lines):
        more = f"… and {len(lines) - position} more: see {file_name(proposal)}"
        if text_width("\n".join([*shown, line, more])) > limit:
            return "\n".join([*shown, more]) if shown else more, True
        shown.append(line)
    return "\n".join(shown), False


def findings_field(proposal: GovernorProposal, limit: int = FIELD_VALUE) -> tuple[str, bool]:
    lines = finding_lines(proposal.findings)
    text = "\n".join(lines)
    if text_width(text) <= limit:
        return text, False
    return shorten(text, limit, f"all {len(lines)} in {file_name(proposal)}"), True


def findings_heading(proposal: GovernorProposal) -> str:
    danger = sum(f.severity is Severity.DANGER for f in proposal.findings)
    if not proposal.findings:
        return "Findings: none"
    return f"Findings ({len(proposal.findings)}" + (f", {danger} {SEVERITY_MARKS[Severity.DANGER]}" if danger else "") + ")"


def full_file(proposal: GovernorProposal) -> discord.File:
    """Everything, for reading beside the embed: the description as written, every decoded call
    with full addresses, and every finding."""
    text = "\n".join([
        f"# Governor proposal #{proposal.number}: {proposal.title}", "", f"id {proposal.proposal_id}",
        f"proposer {proposal.proposer}", "", "## Calls (decoded by folkmoot from the calldata)", "",
        calls_text(proposal.calls), "", "## Findings", "", *finding_lines(proposal.findings), "",
        "## Description, as submitted", "", proposal.description, ""])
    return discord.File(io.BytesIO(text.encode("utf-8")), filename=file_name(proposal))


def card(proposal: GovernorProposal, count: Count, info: GovernorInfo | None = None,
         summary: AiResult | None = None) -> tuple[discord.Embed, list[discord.File]]:
    """The proposal: what it does (the AI summary when given, else its description), state, window,
    token-weighted tally, quorum at the snapshot, decoded calls, findings, and how to check it."""
    attached = f"full text in {file_name(proposal)}"
    pointer = f"full text: /proposal show {proposal.number}" if summary is not None else attached
    body = summary.text if summary is not None else proposal.description
    embed = discord.Embed(title=f"#{proposal.number} · {proposal.title}",
                          colour=COLOURS.get(proposal.state, discord.Colour.default()),
                          description=shorten(body, DESCRIPTION, pointer))
    embed.add_field(name="State", value=state_label(proposal.state))
    embed.add_field(name="Voting", value=window(proposal))
    embed.add_field(name="Proposer", value=f"`{proposal.proposer}`")
    embed.add_field(name="Tally (voting power)", value=counts(count), inline=False)
    embed.add_field(name="Quorum", value=quorum(count), inline=False)
    calls, calls_cut = calls_field(proposal)
    embed.add_field(name=f"Calls ({len(proposal.calls)}), decoded from the calldata", value=calls, inline=False)
    findings, findings_cut = findings_field(proposal)
    embed.add_field(name=findings_heading(proposal), value=findings, inline=False)
    if proposal.next_call is not None:
        embed.add_field(name="Next step", value=f"Anyone may call `{proposal.next_call.function.split('(')[0]}` on "
                                                f"the Governor: the watchdog posts the exact call.", inline=False)
    embed.add_field(name="Proposal id", value=f"`{proposal.proposal_id}`", inline=False)
    where = f"Governor {info.address} on chain {info.chain_id} · " if info else ""
    ai = f"Summary AI-generated: check it against the proposal · {summary.provenance.model_id} · " if summary else ""
    embed.set_footer(text=f"{ai}{where}counted by the Governor (proposalVotes) · /verify {proposal.number} checks "
                          f"the index · /summarize {proposal.number}")
    embed = fit(embed, pointer)
    text_cut = summary is None and (embed.description or "").endswith(attached)
    return embed, [full_file(proposal)] if calls_cut or findings_cut or text_cut else []


def listing(proposals: list[EngineProposal], heading: str) -> discord.Embed:
    embed = discord.Embed(title=heading, colour=discord.Colour.blurple())
    if not proposals:
        embed.description = "No Governor proposal here yet: folkmoot announces each one as it is indexed."
    for p in proposals[:LISTED]:
        detail = p.detail
        assert isinstance(detail, GovernorProposal)
        lines = [state_label(p.state)]
        if p.state in ("pending", "active"):
            lines.append(f"ends {when(p.window.ends_at, p.window.estimated)}")
        if p.count is not None:
            lines += [counts(p.count), quorum(p.count).splitlines()[0]]
        if detail.findings:
            lines.append(findings_heading(detail))
        embed.add_field(name=one_line(f"#{p.number} · {p.title}", 256), value="\n".join(lines), inline=False)
    embed.set_footer(text="/proposal show <number> for the calls, findings and full id.")
    return fit(embed)


def tally(proposal: EngineProposal) -> discord.Embed:
    detail = proposal.detail
    assert isinstance(detail, GovernorProposal) and proposal.count is not None
    count, u = proposal.count, proposal.count.units
    embed = discord.Embed(title=f"Tally · #{proposal.number} · {proposal.title}",
                          colour=COLOURS.get(proposal.state, discord.Colour.default()))
    embed.add_field(name="For", value=u.short(count.for_votes))
    embed.add_field(name="Against", value=u.short(count.against_votes))
    embed.add_field(name="Abstain", value=u.short(count.abstain_votes))
    embed.add_field(name="Quorum", value=quorum(count), inline=False)
    embed.add_field(name="State", value=state_label(proposal.state))
    embed.add_field(name="Voting", value=window(detail))
    embed.add_field(name="Exact counts", value=(f"For {u.exact(count.for_votes)}\nAgainst {u.exact(count.against_votes)}"
                                                f"\nAbstain {u.exact(count.abstain_votes)}"), inline=False)
    embed.add_field(name="On-chain", value="The Governor counts the votes itself (`proposalVotes`), weighted by "
                                           f"voting power at the snapshot. /verify {proposal.number} compares "
                                           "folkmoot's index with it.", inline=False)
    return fit(embed)


def summary_post(proposal: GovernorProposal, result: AiResult) -> tuple[discord.Embed, list[discord.File]]:
    """/summarize: the AI's summary, then the calls and findings folkmoot decoded (not AI)."""
    pointer = f"full text: /proposal show {proposal.number}"
    embed = discord.Embed(title=f"Summary · #{proposal.number} · {proposal.title}", colour=discord.Colour.teal(),
                          description=shorten(result.text, DESCRIPTION, pointer))
    calls, calls_cut = calls_field(proposal)
    embed.add_field(name=f"Calls ({len(proposal.calls)}), decoded by folkmoot, not AI", value=calls, inline=False)
    findings, findings_cut = findings_field(proposal)
    embed.add_field(name=findings_heading(proposal), value=findings, inline=False)
    record = result.provenance
    made_by = "produced without a language model" if result.without_language_model else record.model_id
    embed.set_footer(text=f"AI-generated, check against the proposal · AI output #{result.provenance_id} · "
                          f"{made_by} · {record.template_name} v{record.template_version} · record "
                          f"{record.record_hash[:14]}…")
    embed = fit(embed, pointer)
    return embed, [full_file(proposal)] if calls_cut or findings_cut else []


def action_post(action: PendingAction, info: GovernorInfo) -> tuple[str, list[discord.File]]:
    """The watchdog's post: what to call, on which contract, with which arguments, and the calldata
    to paste into a wallet or a Safe's transaction builder (in a file when it is long)."""
    head = f"#{action.number} {discord.utils.escape_markdown(action.title)}"
    if action.call is None:
        return f"⌛ **{head}**: {action.note}.", []
    call = action.call
    verb = call.function.split("(")[0]
    text = (f"⚙️ **{head}**: {action.note}.\nCall `{call.function}` on `{call.contract}` (chain {info.chain_id})"
            + (f", sending {call.value} wei" if call.value else "") + ".")
    args = "\n".join(f"{name}: {value}" for name, value in call.args.items())
    files = []
    if len(call.calldata) <= CALLDATA_SHOWN and len(args) <= CALLDATA_SHOWN // 2:
        text += f"\nArguments:\n```\n{args}\n```Calldata (for a wallet or a Safe's transaction builder):\n" \
                f"```\n{call.calldata}\n```"
    else:
        name = f"governor-proposal-{action.number}-{verb}.txt"
        body = (f"{call.function} on {call.contract} (chain {info.chain_id}), value {call.value} wei\n\n{args}\n\n"
                f"calldata\n{call.calldata}\n")
        files.append(discord.File(io.BytesIO(body.encode()), filename=name))
        text += f"\nThe arguments and the calldata (for a wallet or a Safe's transaction builder) are in {name}."
    return shorten(text, 2000), files


def following(info: GovernorInfo, channel_id: int | None) -> discord.Embed:
    """What /config governor attached."""
    unit = "blocks" if info.clock == "blocknumber" else "seconds"
    embed = discord.Embed(title=f"Following {info.name}", colour=discord.Colour.blurple(),
                          description=f"`{info.address}` on chain {info.chain_id} · {info.kind}")
    embed.add_field(name="Votes token", value=f"{info.token.symbol} ({info.token.decimals} decimals)\n"
                                              f"`{info.token.address}`")
    embed.add_field(name="Voting", value=f"delay {info.voting_delay:,} · period {info.voting_period:,} {unit}")
    embed.add_field(name="Proposal threshold", value=info.token.describe(info.proposal_threshold))
    embed.add_field(name="Timelock", value=f"`{info.timelock}` (delay {info.timelock_delay} s)" if info.timelock
                    else "none")
    embed.add_field(name="Indexed", value=f"from block {info.start_block:,} (now at {info.indexed_to:,})")
    embed.add_field(name="Announced in", value=f"<#{channel_id}>" if channel_id else
                    "nowhere yet: choose a digest_channel or governor_channel with /config")
    embed.set_footer(text="Each new proposal is announced once with its summary, decoded calls and findings; "
                          "updates and the execution watchdog reply to it.")
    return fit(embed)

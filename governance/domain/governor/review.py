"""Checking a proposal's description against its decoded calls.

Every amount and recipient the calls move should be stated in the text, and every transfer the
text promises should be in the calls. Unknown calls, ETH sent without a word, Unicode tricks,
hundreds of calls and megabyte descriptions are findings too. Pure: the caller decodes the calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from governance.domain.governor.calls import ETH, DecodedCall, Movement, TokenInfo
from governance.domain.governor.findings import Finding, Severity
from governance.domain.governor.mentions import Mentions, StatedAmount, matches, read_mentions, unit_fits
from governance.domain.governor.text_tricks import unicode_findings
from governance.domain.wording import plural

MAX_UINT256 = 2**256 - 1
_PROMISE = re.compile(r"\b(transfer\w*|send\w*|sent|pay\w*|paid|grant\w*|allocat\w*|disburs\w*|"
                      r"reimburs\w*|distribut\w*|stream\w*)\b", re.IGNORECASE)
# An estimate or a bound is not a promise to move that exact amount.
_HEDGE_BEFORE = re.compile(r"(~|≈|[<>≤≥]|\b(?:sub|under|over)-|\b(?:approximately|approx\.?|about|around|roughly|nearly|almost|up to|at least|"
                           r"at most|over|under|more than|less than|leaving|left|remaining|min(?:imum)?|max(?:imum)?|"
                           r"cap(?:ped)? (?:at|of))\s*)\$?$", re.IGNORECASE)
_HEDGE_AFTER = re.compile(r"^[\s*_]*(?:minimum|maximum|cap|or (?:more|less)|per\b|/|each|a (?:year|month|week|day)|"
                          r"annually|yearly|monthly|weekly)", re.IGNORECASE)


@dataclass(frozen=True)
class CheckLimits:
    many_calls: int = 50  # more calls than a voter can review one by one
    large_description: int = 100_000  # bytes; ENS's longest real proposal is about 20 KB
    scanned_characters: int = 1_000_000  # beyond this the text is not read for amounts


def review_proposal(calls: list[DecodedCall], description: str, token_symbols: frozenset[str] = frozenset(),
                    limits: CheckLimits = CheckLimits()) -> list[Finding]:
    """Findings, most serious first. `token_symbols`: symbols a promise in the text may name
    (the calls' tokens are added)."""
    findings: list[Finding] = []
    size = len(description.encode("utf-8", "surrogatepass"))
    if size > limits.large_description:
        findings.append(Finding("large_description", Severity.WARNING,
                                f"The description is {size:,} bytes long: few voters will read all of it."))
    if len(calls) > limits.many_calls:
        findings.append(Finding("many_calls", Severity.WARNING,
                                f"The proposal makes {len(calls)} calls: more than anyone reviews one by one."))
    if not calls:
        findings.append(Finding("no_calls", Severity.INFO, "The proposal executes nothing (a signalling vote)."))
    text = description[: limits.scanned_characters]
    if len(description) > limits.scanned_characters:
        findings.append(Finding("description_not_fully_checked", Severity.WARNING,
                                f"Only the first {limits.scanned_characters:,} characters of the description were "
                                "checked against the calls."))
    findings += unicode_findings(text)
    mentions = read_mentions(text)
    for call in calls:
        findings += _call_findings(call, mentions)
    movements = [m for call in calls for m in call.all_movements()]
    findings += _promises_kept(text, mentions, movements, token_symbols)
    order = {Severity.DANGER: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])  # stable: call order within a severity


def _call_findings(call: DecodedCall, mentions: Mentions, top: DecodedCall | None = None) -> list[Finding]:
    index = (top or call).index
    where = f"Call {index + 1}" + ("" if top is None else " (inner call)")
    found: list[Finding] = []
    if call.error:
        found.append(Finding("undecodable_calldata", Severity.DANGER,
                             f"{where} to {call.target} does not decode as {call.function}: {call.error}", index))
    elif call.function is None and call.selector and top is None:
        found.append(Finding("unknown_call", Severity.WARNING,
                             f"{where} to {call.target} runs function {call.selector}, which folkmoot cannot decode: "
                             "check its calldata by hand.", index))
    if call.delegatecall and call.name != "multiSend":
        found.append(Finding("delegatecall", Severity.DANGER,
                             f"{where} runs the code of {call.target} by delegatecall, as the Safe itself: it can "
                             "do anything the Safe can.", index))
    if not call.selector and not call.value:
        found.append(Finding("empty_call", Severity.INFO, f"{where} to {call.target} does nothing (no calldata, no ETH).",
                             index))
    if call.value and not mentions.states(ETH, call.value):
        found.append(Finding("eth_not_in_description", Severity.DANGER,
                             f"{where} sends {ETH.describe(call.value)} to {call.target}, and the description does "
                             "not state that amount.", index))
    if call.self_call:
        found.append(Finding("governance_change", Severity.INFO,
                             f"{where} calls {call.target_label} itself ({call.name or call.selector}): it changes "
                             "how this DAO governs.", index))
    for movement in call.movements:
        found += _movement_findings(movement, mentions, where, index)
    for inner in call.inner:
        found += _call_findings(inner, mentions, top or call)
    if top is None:
        found += _unknown_inner(call)
    return found


def _unknown_inner(call: DecodedCall) -> list[Finding]:
    """Unknown calls inside a batch, one finding per target (a batch may carry hundreds)."""
    by_target: dict[str, dict[str, int]] = {}

    def walk(calls: tuple[DecodedCall, ...]) -> None:
        for c in calls:
            if c.function is None and c.selector:
                counts = by_target.setdefault(c.target, {})
                counts[c.selector] = counts.get(c.selector, 0) + 1
            walk(c.inner)
    walk(call.inner)
    found = []
    for target, counts in by_target.items():
        total = sum(counts.values())
        listed = ", ".join(f"{s} ×{n}" if n > 1 else s for s, n in list(counts.items())[:5])
        more = "" if len(counts) <= 5 else f" and {len(counts) - 5} more"
        found.append(Finding("unknown_call", Severity.WARNING,
                             f"Call {call.index + 1} carries {plural(total, 'inner call')} to {target} that folkmoot cannot "
                             f"decode ({listed}{more}): check them by hand.", call.index))
    return found


def _movement_findings(movement: Movement, mentions: Mentions, where: str, index: int) -> list[Finding]:
    found: list[Finding] = []
    if movement.kind == "eth":
        pass  # the call's value, checked above
    elif movement.token is not None and movement.amount is not None:
        if movement.kind == "allowance" and movement.amount == MAX_UINT256:
            found.append(Finding("unlimited_allowance", Severity.WARNING,
                                 f"{where} lets {movement.to} spend an unlimited amount of {movement.token.symbol}.",
                                 index))
        elif not mentions.states(movement.token, movement.amount):
            found.append(Finding("amount_not_in_description", Severity.WARNING,
                                 f"{where} {movement.describe()}; the description does not state "
                                 f"{movement.token.describe(movement.amount)}.", index))
    if not mentions.names_address(movement.to) and not _named(mentions, movement):
        resembling = mentions.resembling(movement.to)
        if resembling:
            found.append(Finding("recipient_resembles", Severity.DANGER,
                                 f"{where} {movement.describe()}, but the description names {resembling[0]}, "
                                 "which looks like it and is a different address.", index))
        else:
            code = "party_not_in_description" if movement.kind == "party" else "recipient_not_in_description"
            found.append(Finding(code, Severity.WARNING,
                                 f"{where} {movement.describe()}; the description never writes that address.",
                                 index))
    return found


def _named(mentions: Mentions, movement: Movement) -> bool:
    return any(name.lower() in mentions.lowered for name in movement.to_names)


def _promises_kept(text: str, mentions: Mentions, movements: list[Movement],
                   symbols: frozenset[str]) -> list[Finding]:
    """Amounts of a token, in a sentence that promises to move them, that no call moves."""
    # an allowance keeps a promise too: a streaming or vesting contract pulls what it was approved
    valued = [m for m in movements if m.token is not None and m.amount is not None]
    tokens = {m.token.symbol.upper() for m in valued} | {s.upper() for s in symbols} | {"ETH", "WETH"}
    found: list[Finding] = []
    seen: set[tuple] = set()
    for stated in mentions.amounts:
        if stated.unit is None or stated.unit not in tokens or stated.value == 0 or not _in_promise(text, stated):
            continue
        if _hedged(text, stated):
            continue
        if _kept(stated, valued):
            continue
        key = (stated.value, stated.unit)
        if key in seen:
            continue
        seen.add(key)
        found.append(Finding("promised_transfer_missing", Severity.WARNING,
                             f"The description promises {stated.text.strip()} (\"…{_sentence(text, stated)}…\"), but "
                             "no call moves that amount."))
    return found


def _kept(stated: StatedAmount, movements: list[Movement]) -> bool:
    if any(matches(stated, m.token, m.amount) for m in movements):
        return True
    if any(m.kind == "allowance" and m.amount == MAX_UINT256 and unit_fits(stated.unit, m.token) for m in movements):
        return True
    if any(m.kind == "stream" and _streams(stated, m) for m in movements):
        return True
    by_token: dict[TokenInfo, int] = {}
    for m in movements:  # "300,000 USDC in three payments": the total counts too
        if m.kind != "allowance":
            by_token[m.token] = by_token.get(m.token, 0) + m.amount
    return any(unit_fits(stated.unit, token) and matches(stated, token, total) for token, total in by_token.items())


_STREAM_PERIODS = (86_400, 7 * 86_400, 30 * 86_400, 365 * 86_400, 31_557_600)  # a day … a Julian year


def _streams(stated: StatedAmount, stream: Movement) -> bool:
    """A per-second rate keeps "1.2M USDC a year" or "15,075 USDC a day" (within 1%)."""
    # Superfluid streams a wrapped "super token" (USDCx) while texts name the asset (USDC)
    wrapped = stated.unit is not None and stated.unit + "X" == stream.token.symbol.upper()
    if not (unit_fits(stated.unit, stream.token) or wrapped):
        return False
    per_second = stream.token.units(stream.amount)
    return any(abs(per_second * period - stated.value) <= stated.value / 100 for period in _STREAM_PERIODS)


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, position), text.rfind(". ", 0, position)) + 1
    ends = [i for i in (text.find("\n", position), text.find(". ", position)) if i != -1]
    return start, min(ends) if ends else len(text)


def _in_promise(text: str, stated: StatedAmount) -> bool:
    start, end = _sentence_bounds(text, stated.start)
    return _PROMISE.search(text, start, end) is not None


def _hedged(text: str, stated: StatedAmount) -> bool:
    before = text[max(0, stated.start - 30): stated.start]
    after = text[stated.start + len(stated.text): stated.start + len(stated.text) + 20]
    return _HEDGE_BEFORE.search(before) is not None or _HEDGE_AFTER.search(after) is not None


def _sentence(text: str, stated: StatedAmount) -> str:
    start, end = _sentence_bounds(text, stated.start)
    sentence = " ".join(text[start:end].split())
    return sentence if len(sentence) <= 120 else sentence[:117] + "..."

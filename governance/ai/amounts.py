"""The money facts a proposal states: every amount, address and named recipient, once each.

What counts (the faithfulness benchmark measures exactly this):

- **amount**: a number with a currency symbol (`$1.2M`, `€500`) or a token unit
  (`1,800 USDC`, `500k ENS`, `0.5 ETH`, `2,000,000 UNI`, `24,000 $ENS`), or a number in a
  table column whose header is a token (`| USDC |` over `589,000`). A token unit is a
  well-known currency or token, or a ticker the proposal itself marks as a token
  (`$XYZ`, `XYZ tokens`). Zero is not an amount (a `0` ETH cell asks for nothing).
  Percentages are not amounts: they are rates and thresholds, and the money they move is
  stated as an amount where it matters; an invented percentage is still flagged by grounding.
- **address**: `0x` and 40 hex digits anywhere, link targets and code included; an
  address in look-alike characters (see confusables.py) counts as written.
- **ENS name**: `name.eth` (any depth) anywhere in the text.
- **named recipient**: who an amount goes to: the label cell of its table row, or the
  name after "to" ("to the Meta-governance safe", "to wallet.ensdao.eth") or after "for"
  when that is a name ("for garden.eth", "for Unruggable"), in the amount's sentence.

Each fact keeps a few words of context, and is deduplicated (amounts by value, unit and
recipient; addresses and names case-insensitively).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from governance.ai.injection import find_planted
from governance.ai.invisible import normalise_for_display
from governance.ai.structure import CODE, ITEM, ROW, Block, Document, parse_document, plain
from governance.domain.facts import USD_LIKE, Fact, extract_facts
from governance.domain.lookalikes import find_lookalike_addresses

AMOUNT, ADDRESS, ENS = "amount", "address", "ens"
PLANTED_MARK = "(⚠ in text addressed to an AI)"
RESTORED_MARK = "(⚠ added: the answer left it out)"

KNOWN_TOKENS = frozenset(
    """USD EUR GBP CHF JPY USDC USDT DAI USDS GHO LUSD FRAX PYUSD TUSD EURC ETH WETH STETH WSTETH
    RETH CBETH BTC WBTC TBTC ENS UNI COMP AAVE MKR SKY LDO ARB OP MATIC POL SNX CRV CVX BAL SUSHI
    YFI GNO SAFE GRT LINK RPL SOL DOT ATOM NEAR AVAX BNB FTM SHIB APE IMX BLUR EIGEN ENA ZK STRK
    SPK RAD GTC POOL TORN INDEX RBN DYDX 1INCH OSMO CELO OGN ANKR COW""".split()
)
_DOLLAR_TICKER = re.compile(r"\$([A-Z][A-Z0-9]{1,9})\b")
_TICKER_TOKENS = re.compile(r"\b([A-Z][A-Z0-9]{1,9})\s+tokens?\b")
_NUMBER_CELL = re.compile(
    r"^\s*[$€£]?\s*(\d{1,3}(?:[,_]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m|bn|b|thousand|million|billion)?\s*$",
    re.IGNORECASE,
)
_HEADER_UNIT = re.compile(r"\$?\b([A-Z][A-Z0-9]{1,9}x?)\b")
_RECIPIENT_COLUMNS = (
    re.compile(r"(?i)recipient|destination|payee|grantee|beneficiary|receiver|wallet|multisig|\bto\b"),
    re.compile(r"(?i)name|team|project|provider|organi[sz]ation|working group|entity|group"),
)
_STOP = (
    r"from|for|to|by|over|per|in|on|with|and|or|as|which|that|at|via|during|until|after|before|"
    r"each|every|within|if|when|so|is|are|was|were|will|would|should|can|could|being|who|whose|"
    r"vested|streamed|paid|payable|monthly|annually|upon|under|through|into|of"
)
_NAME_REST = r"[\w'’&-]*(?:\.[\w-]+)*"  # "Meta-governance", "Labs'", "ens.domains"; not "Labs."
_DETERMINER = r"the|a|an|our|their|its|his|her"
_RECIPIENT = re.compile(
    rf"^(?P<gap>[^.;:!?()\[\]\n]{{0,60}}?)\b(?P<prep>to|for)\s+"
    rf"(?P<who>0x[0-9a-fA-F]{{40}}\b|[\w.-]+\.eth\b|"
    rf"(?:(?:{_DETERMINER})\s+)?(?!(?:{_STOP})\b)[^\W\d]{_NAME_REST}(?:\s+(?!(?:{_STOP})\b)[^\W\d_]{_NAME_REST}){{0,5}})",
    re.IGNORECASE,
)
_LEADING_DETERMINER = re.compile(rf"^(?:{_DETERMINER})\s+", re.IGNORECASE)
_GENERIC_LABEL = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:target|contract|recipient|wallet|multisig|safe)\s+)?(?:address(?:es)?|"
    r"target|contract|recipient|wallet|to|from|at|on|is|owner|address \w+|\W*)$"
)
_LABEL_LIMIT = 48
_CONTEXT_WORDS = 7


@dataclass(frozen=True)
class SourceFact:
    """One fact a summary must keep: what it shows, how it is matched, and its context."""

    kind: str  # AMOUNT | ADDRESS | ENS
    text: str  # as shown in the summary: "589,000 USDC", the address as written, "name.eth"
    key: str  # value (amounts), lower-case text (addresses, names)
    unit: str | None = None  # AMOUNT: "USDC", "USD", …
    recipient: str = ""  # AMOUNT: who it goes to, when the proposal names it
    context: str = ""  # a few words of the source around it
    planted: bool = False  # stated inside text addressed to an AI

    def line(self, with_context: bool = True) -> str:
        if self.kind == AMOUNT and self.recipient:
            shown = f"{self.text} to {self.recipient}"
        elif with_context and self.context:
            shown = f"{self.text} ({self.context})"
        else:
            shown = self.text
        return f"{shown} {PLANTED_MARK}" if self.planted else shown


class Ledger:
    """The facts of one source, in the order the proposal states them."""

    def __init__(self, facts: Sequence[SourceFact]):
        self.facts = tuple(facts)

    def __len__(self) -> int:
        return len(self.facts)

    def __iter__(self):
        return iter(self.facts)

    @property
    def recipients(self) -> list[str]:
        return list(dict.fromkeys(f.recipient for f in self.facts if f.recipient))

    def missing_from(self, text: str) -> list[SourceFact]:
        """The facts `text` does not state (an amount needs its value and unit, and its
        recipient when it has one)."""
        shown = Shown(text)
        return [fact for fact in self.facts if not shown.has(fact)]

    def render(self, limit: int) -> str:
        """Bullet lines within `limit` characters: contexts go before facts do."""
        for with_context in (True, False):
            shown = _folded(self.facts, with_context)
            text = "\n".join(f"- {fact.line(with_context)}" for fact in shown)
            if len(text) <= limit:
                return text
        lines: list[str] = []
        for position, fact in enumerate(shown):
            more = f"- …and {len(shown) - position} more in the proposal"
            line = f"- {fact.line(False)}"
            if len("\n".join([*lines, line, more])) > limit:
                return "\n".join([*lines, more])
            lines.append(line)
        return "\n".join(lines)


class Shown:
    """The facts a summary states, for presence checks."""

    def __init__(self, text: str):
        self.text = " ".join(normalise_for_display(text).split())
        self.folded = self.text.casefold()
        facts = extract_facts(self.text)
        self.keys = {(f.kind, f.key) for f in facts if f.kind != "number"}
        self.amounts = {(f.key, f.unit) for f in facts if f.kind == "number"}

    def has_amount(self, fact: SourceFact) -> bool:
        return any(
            key == fact.key and (unit == fact.unit or _same_money(unit, fact.unit))
            for key, unit in self.amounts
        )

    def has_recipient(self, recipient: str) -> bool:
        return " ".join(recipient.split()).casefold() in self.folded

    def has(self, fact: SourceFact) -> bool:
        if fact.kind == AMOUNT:
            return self.has_amount(fact) and (not fact.recipient or self.has_recipient(fact.recipient))
        if fact.kind == ADDRESS and not fact.text.isascii():
            return fact.text in self.text
        return (fact.kind, fact.key) in self.keys


def build_ledger(text: str, extra: Iterable[SourceFact] = ()) -> Ledger:
    """Every amount, address and ENS name `text` states; `extra` adds facts known from
    elsewhere (e.g. the transfers decoded from a proposal's calls)."""
    text = normalise_for_display(text)
    document = parse_document(text)
    tokens = KNOWN_TOKENS | set(_DOLLAR_TICKER.findall(text)) | set(_TICKER_TOKENS.findall(text))
    planted = [p.text for p in find_planted(text)]
    found: list[SourceFact] = []
    for heading, blocks in _units(document):
        if heading:
            found += _from_text(heading, heading, tokens, planted)
        for block in blocks:
            found += _from_block(block, tokens, planted)
    return Ledger(_deduplicated([*found, *extra]))


def _units(document: Document) -> list[tuple[str, list[Block]]]:
    return [(section.heading, section.blocks) for section in document.sections]


def _from_block(block: Block, tokens: set[str], planted: list[str]) -> list[SourceFact]:
    if block.kind == CODE:
        return _addresses(block.text, block.section, planted)
    facts: list[SourceFact] = []
    if block.kind == ROW:
        facts += _table_amounts(block, tokens)
        label = _row_label(block)
        for cell in block.cells:  # a cell's own amounts name their recipient in the cell
            facts += _from_text(cell, block.section, tokens, planted, row_label=label)
    else:
        parent = block.parent if block.kind == ITEM else None
        facts += _from_text(block.text, block.section, tokens, planted, parent=parent)
    for shown, target in block.links:  # addresses behind links: "[Main Multisig](…/address/0x…)"
        for fact in _addresses(target, block.section, planted):
            label = shown if shown and fact.key not in shown.lower() else ""
            facts.append(replace(fact, context=_short(label) or fact.context))
    return facts


def _from_text(
    text: str,
    section: str,
    tokens: set[str],
    planted: list[str],
    row_label: str = "",
    parent: str | None = None,  # items: the item it is nested under ("" at the top)
) -> list[SourceFact]:
    facts: list[SourceFact] = []
    is_planted = any(text in p or p in text for p in planted)
    for fact in extract_facts(text):
        if fact.kind == "number":
            if _is_money(fact, tokens):
                recipient = (
                    _recipient_after(text, fact)
                    or (row_label if len(text) <= 40 else "")  # an amount cell names no one else
                    or _name_before(text, fact, parent)
                )
                facts.append(
                    SourceFact(
                        AMOUNT, _amount_text(fact), fact.key, fact.unit, recipient,
                        "" if recipient else _context_before(text, fact.start) or _short(section),
                        _within(fact, text, planted) or is_planted,
                    )
                )
        elif fact.kind == "address" and len(fact.text) == 42:
            label = row_label or _label_around(text, fact) or _parent_label(parent or "") or _short(section)
            facts.append(SourceFact(ADDRESS, fact.text, fact.key, context=label,
                                    planted=_within(fact, text, planted) or is_planted))
        elif fact.kind == "ens":
            label = row_label if row_label and fact.key not in row_label.lower() else _label_around(text, fact)
            facts.append(SourceFact(ENS, fact.text, fact.key, context=label,
                                    planted=_within(fact, text, planted) or is_planted))
        elif fact.kind == "link":  # names and addresses inside URLs are stated too
            facts += [
                replace(f, context="") for f in _addresses(fact.text, section, planted)
            ]
    for found in find_lookalike_addresses(text):
        facts.append(SourceFact(ADDRESS, found.text, found.text, context=_short(section)))
    return facts


def _addresses(text: str, section: str, planted: list[str]) -> list[SourceFact]:
    """Addresses and ENS names alone (code, link targets): no amounts are read there."""
    facts = []
    for match in re.finditer(r"(?<![0-9A-Za-z])0x[0-9a-fA-F]{40}(?![0-9A-Za-z])", text):
        facts.append(SourceFact(ADDRESS, match.group(0), match.group(0).lower(), context=_short(section)))
    for fact in extract_facts(re.sub(r"[/?#=&]", " ", text)):
        if fact.kind == "ens":
            facts.append(SourceFact(ENS, fact.text, fact.key))
    return facts


# ---------------------------------------------------------------------- amounts


def _is_money(fact: Fact, tokens: set[str]) -> bool:
    if fact.unit in (None, "%") or fact.key in ("0",):
        return False
    unit = fact.unit.removesuffix("x") if fact.unit.endswith("x") else fact.unit
    return fact.unit in ("USD", "EUR", "GBP") or fact.unit in tokens or unit in tokens


def _amount_text(fact: Fact) -> str:
    return " ".join(fact.text.replace("$ ", "$").split())


def _table_amounts(block: Block, tokens: set[str]) -> list[SourceFact]:
    """Numbers in columns headed by a token: `| Destination | USDC | ENS |` rows."""
    facts = []
    recipient = _row_label(block)
    for position, cell in enumerate(block.cells):
        header = block.header[position] if position < len(block.header) else ""
        unit_match = _HEADER_UNIT.search(header)
        number = _NUMBER_CELL.match(cell)
        if not (unit_match and number):
            continue
        unit = unit_match.group(1)
        if unit not in tokens and unit.removesuffix("x") not in tokens:
            continue
        parsed = extract_facts(f"{cell.strip().lstrip('$€£').strip()} {unit}")
        if parsed and parsed[0].kind == "number" and parsed[0].key != "0":
            facts.append(
                SourceFact(AMOUNT, f"{cell.strip().lstrip('$€£').strip()} {unit}", parsed[0].key, unit,
                           recipient, "" if recipient else _short(header))
            )
    return facts


def _row_label(block: Block) -> str:
    """The row's name: a recipient-like column, else its first short cell with words."""
    textual = [
        (position, cell)
        for position, cell in enumerate(block.cells)
        if re.search(r"[^\W\d_]{2,}", cell) and not _NUMBER_CELL.match(cell) and len(cell) <= 80
    ]
    for column in _RECIPIENT_COLUMNS:
        for position, cell in textual:
            header = block.header[position] if position < len(block.header) else ""
            if column.search(header):
                return "" if _NOT_A_NAME.search(cell) else _short(cell)
    label = textual[0][1] if textual else ""
    return "" if _NOT_A_NAME.search(label) else _short(label)


def _recipient_after(text: str, fact: Fact) -> str:
    match = _RECIPIENT.match(text[fact.end :])
    if not match or extract_facts(match.group("gap")):  # another amount in between
        return ""
    who = match.group("who").strip(" .,'’")
    bare = _LEADING_DETERMINER.sub("", who)
    if not bare or bare.upper() in KNOWN_TOKENS:
        return ""  # "convert 6,000 ETH to USDC" names a token, not a recipient
    named = bare[0].isupper() or bare.lower().endswith(".eth") or bare.startswith("0x")
    if not named and bare == who:
        return ""  # "to build", "for wood": an infinitive or a purpose
    return _short(who)


_NAME_BEFORE = re.compile(r"^\W*([^\W\d][\w'’&. -]{1,40}?)\s*[–—:-]\s*$")
_NOT_A_NAME = re.compile(r"(?i)total|sum|request|budget|amount|cost|fee|price|funding|grant\b|stream")


def _name_before(text: str, fact: Fact, parent: str) -> str:
    """A list item "**Meta-Gov Safe** – 379,000 USDC": the name it opens with."""
    if parent is None:
        return ""
    match = _NAME_BEFORE.match(text[: fact.start])
    if not match or _NOT_A_NAME.search(match.group(1)) or len(match.group(1).split()) > 5:
        return ""
    name = match.group(1).strip()
    return _short(name) if name[0].isupper() else ""


def _same_money(one: str | None, other: str | None) -> bool:
    return (one == "USD" and other in USD_LIKE) or (other == "USD" and one in USD_LIKE)


# ---------------------------------------------------------------------- context


def _context_before(text: str, start: int) -> str:
    head = re.split(r"[.!?。！？؟;|]\s", text[:start])[-1]
    words = head.split()[-_CONTEXT_WORDS:]
    return _short(" ".join(words).strip(" ,:-–—(→"))


def _label_around(text: str, fact: Fact) -> str:
    """An address's name on its line: "ENS Endowment Safe: 0x…", "0x… (Timelock)"."""
    before = re.split(r"[.!?。！？;|]\s", text[: fact.start])[-1]
    label = before.strip(" ,:-–—(→=`*\"'{}[]").strip()
    if re.search(r"[^\W\d_]{2,}", label) and not _GENERIC_LABEL.match(label) and not extract_facts(label[-44:]) == [fact]:
        return _short(label, from_end=True)
    after = re.match(r"\s*\(([^)]{2,40})\)", text[fact.end :])
    return _short(after.group(1)) if after else ""


def _parent_label(parent: str) -> str:
    if not parent:
        return ""
    for fact in extract_facts(parent):
        if fact.kind == "number":
            recipient = _recipient_after(parent, fact)
            if recipient:
                return recipient
    return _short(parent.rstrip(":"))


def _within(fact: Fact, text: str, planted: list[str]) -> bool:
    return any(fact.text in p for p in planted) and any(p in text for p in planted)


def _short(text: str, from_end: bool = False) -> str:
    text = " ".join(plain(text).split())
    if len(text) <= _LABEL_LIMIT:
        return text
    if from_end:
        cut = text[-(_LABEL_LIMIT - 1) :]
        return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut
    cut = text[: _LABEL_LIMIT - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"


# ---------------------------------------------------------------------- dedup


def _deduplicated(facts: Sequence[SourceFact]) -> list[SourceFact]:
    """One line per fact. Amounts: the same value and unit once per recipient, and not
    again without a recipient; addresses and names: the first with a useful label."""
    kept: dict[tuple[str, ...], SourceFact] = {}
    with_recipient = {(f.key, f.unit) for f in facts if f.kind == AMOUNT and f.recipient}
    for fact in facts:
        if fact.kind == AMOUNT:
            if not fact.recipient and (fact.key, fact.unit) in with_recipient:
                continue
            key = (AMOUNT, fact.key, fact.unit or "", fact.recipient.casefold())
        else:
            key = (fact.kind, fact.key)
        earlier = kept.get(key)
        if earlier is None:
            kept[key] = fact
        elif not earlier.context and fact.context:
            kept[key] = replace(earlier, context=fact.context)
        elif earlier.planted and not fact.planted:
            kept[key] = replace(earlier, planted=False)
    return sorted(kept.values(), key=lambda f: (f.kind != AMOUNT, f.kind == ENS))


def _folded(facts: Sequence[SourceFact], with_context: bool) -> list[SourceFact]:
    """An ENS name already shown in another line (an address's label, a recipient) gets
    no line of its own."""
    others = " ".join(f.line(with_context).lower() for f in facts if f.kind != ENS)
    return [f for f in facts if not (f.kind == ENS and re.search(
        rf"(?<![\w.-]){re.escape(f.key)}(?![\w-])", others))]

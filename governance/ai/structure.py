"""A proposal's Markdown as its author structured it: sections under headings, and in them
paragraphs, list items, table rows and code blocks.

The extractive writer reads this instead of a flat list of sentences, so an author's
"## Risks" becomes the Risks section, a table is read as rows of facts, and code,
links and lines that only introduce a list are never taken for sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PARAGRAPH, ITEM, ROW, CODE = "paragraph", "item", "row", "code"
LABEL_LEVEL = 7  # "Budget:" alone on a line: a heading for sections, never the document's title

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_ITEM = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# "**Risks**", "Risks:", "**Budget:**" alone on a line: a heading in all but syntax.
_LABEL_LINE = re.compile(r"^\s{0,3}(?:\*\*|__)?\s*([^\W\d][\w &/'’()-]{0,40}?)\s*:?\s*(?:\*\*|__)?\s*:?\s*$")
# "Budget: 500 DAI" where the label names a known section: a heading and its text.
_LABELLED = re.compile(r"^\s{0,3}(?:\*\*|__)?\s*([^\W\d][\w &/'’-]{0,30}?)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(\S.*)$")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
# Link text may hold escaped brackets and one level of nested ones ("[[EP 5.2] Streams](…)").
_LINK = re.compile(r"\[((?:\\.|[^\[\]\\]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|ipfs|ftp)://[^>\s]+)>")
_BARE_URL = re.compile(r"(?i)\b(?:https?|ipfs|ftp)://[^\s<>()\[\]{}\"'`]+|\bwww\.[^\s<>()\[\]{}\"'`]+")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_FOOTNOTE_REF = re.compile(r"\[\^?\d{1,2}\]")


@dataclass(frozen=True)
class Block:
    kind: str  # PARAGRAPH | ITEM | ROW | CODE
    markdown: str  # the block as written (a row: its line)
    text: str  # plain text: links by their text, no emphasis or code markers (code: as written)
    section: str  # the heading above it, as plain text ("" before the first)
    cells: tuple[str, ...] = ()  # ROW: plain cells
    header: tuple[str, ...] = ()  # ROW: the table's header cells
    links: tuple[tuple[str, str], ...] = ()  # (shown text, target) of each link in the block
    parent: str = ""  # ITEM: the plain text of the item it is nested under


@dataclass
class Section:
    heading: str  # plain text; "" for what comes before the first heading
    level: int
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    sections: tuple[Section, ...]

    @property
    def blocks(self) -> list[Block]:
        return [block for section in self.sections for block in section.blocks]

    @property
    def title(self) -> str:
        """The first heading of level 1 (or the first heading at all), as plain text."""
        headings = [s for s in self.sections if s.heading and s.level < LABEL_LEVEL]
        first_h1 = next((s for s in headings if s.level == 1), None)
        return (first_h1 or (headings[0] if headings else Section("", 0))).heading


def plain(markdown: str) -> str:
    """Inline Markdown as a reader sees it: link and image text, no emphasis or code markers."""
    text = _HTML_COMMENT.sub("", markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE_SPAN.sub(lambda m: m.group(2), text)  # spaces kept: "for`` on.eth``"
    for _ in range(2):  # nested emphasis: ***x***
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    return " ".join(text.split())


def links_of(markdown: str) -> tuple[tuple[str, str], ...]:
    return tuple((plain(m.group(1)), m.group(2)) for m in _LINK.finditer(markdown))


def code_share(markdown: str) -> float:
    """How much of a line is code spans (a function signature is not a sentence)."""
    stripped = markdown.strip()
    if not stripped:
        return 0.0
    return sum(len(m.group(0)) for m in _CODE_SPAN.finditer(stripped)) / len(stripped)


def link_only(markdown: str) -> bool:
    """A block that is nothing but links, images and URLs (with punctuation around)."""
    rest = _BARE_URL.sub("", _LINK.sub("", _IMAGE.sub("", _AUTOLINK.sub("", markdown))))
    return not re.search(r"\w", rest)


def parse_document(text: str, labels: frozenset[str] = frozenset()) -> Document:
    """`labels`: section_key()s of the section names a "Label: text" line may open."""
    return _Parser(labels).parse(text.replace("\r\n", "\n").replace("\r", "\n"))


class _Parser:
    def __init__(self, labels: frozenset[str]):
        self.labels = labels
        self.sections: list[Section] = [Section("", 0)]
        self.paragraph: list[str] = []
        self.item: list[str] = []
        self.item_indent = 0
        self.open_items: list[tuple[int, str]] = []  # (indent, plain text) of enclosing items
        self.header: tuple[str, ...] | None = None

    def parse(self, text: str) -> Document:
        lines = text.split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            fence = _FENCE.match(line)
            if fence:
                i = self._code(lines, i, fence.group(1))
                continue
            if self._table_line(lines, i):
                i += 1
                continue
            self.header = None
            if not line.strip():
                self._flush()
            elif (atx := _ATX.match(line)) is not None:
                self._heading(atx.group(2), len(atx.group(1)))
            elif _SETEXT.match(line) and self.paragraph and not self.item and len(self.paragraph) == 1:
                heading = self.paragraph.pop()
                self._heading(heading, 1 if line.strip().startswith("=") else 2)
            elif _RULE.match(line):
                self._flush()
            elif (item := _ITEM.match(line)) is not None:
                self._flush()
                self.item, self.item_indent = [item.group(2)], len(item.group(1).expandtabs(4))
            elif self._label_heading(line):
                pass
            elif self.item and (line.startswith((" ", "\t")) or not self.paragraph):
                self.item.append(line.strip())
            else:
                self._flush_item()
                self.paragraph.append(_QUOTE.sub("", line).strip())
            i += 1
        self._flush()
        return Document(tuple(s for s in self.sections if s.heading or s.blocks))

    # ------------------------------------------------------------------ blocks

    def _code(self, lines: list[str], start: int, fence: str) -> int:
        self._flush()
        end = start + 1
        while end < len(lines) and not lines[end].strip().startswith(fence[0] * len(fence)):
            end += 1
        body = "\n".join(lines[start + 1 : end])
        if body.strip():
            self._add(Block(CODE, body, body, self._section_name()))
        return end + 1

    def _table_line(self, lines: list[str], i: int) -> bool:
        line = lines[i]
        if not _TABLE_LINE.match(line):
            return False
        if _TABLE_SEPARATOR.match(line):
            return self.header is not None
        if self.header is None:
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if not _TABLE_SEPARATOR.match(following):
                return False
            self._flush()
            self.header = tuple(plain(cell) for cell in _cells(line))
            return True
        cells = _cells(line)
        self._add(
            Block(
                ROW,
                line,
                " | ".join(plain(cell) for cell in cells),
                self._section_name(),
                cells=tuple(plain(cell) for cell in cells),
                header=self.header,
                links=links_of(line),
            )
        )
        return True

    def _heading(self, markdown: str, level: int) -> None:
        self._flush(end_list=True)
        self.sections.append(Section(plain(markdown).strip(" :"), level))

    def _label_heading(self, line: str) -> bool:
        """A line that is only a label ("**Risks**", "Budget:") opens a section when it starts
        a block; "Budget: text" for a known label is a section of its own, that one line."""
        labelled = _LABELLED.match(line)
        if labelled and _key(labelled.group(1)) in self.labels:
            enclosing = self.sections[-1] if self.sections[-1].level < LABEL_LEVEL else None
            self._heading(labelled.group(1), LABEL_LEVEL)
            self.paragraph.append(labelled.group(2).strip())
            self._flush()
            if enclosing is not None:  # the lines after it belong to the heading above again
                self.sections.append(Section(enclosing.heading, enclosing.level))
            return True
        if self.paragraph or self.item:
            return False
        only = _LABEL_LINE.match(line)
        if only and (line.rstrip().endswith((":", "**", "__")) or _key(only.group(1)) in self.labels):
            if _key(only.group(1)) in self.labels or line.strip().startswith(("**", "__")):
                self._heading(only.group(1), LABEL_LEVEL)
                return True
        return False

    def _flush_item(self) -> None:
        if self.item:
            markdown = " ".join(part for part in self.item if part)
            self.item = []
            while self.open_items and self.open_items[-1][0] >= self.item_indent:
                self.open_items.pop()
            parent = self.open_items[-1][1] if self.open_items else ""
            if markdown.strip():
                text = plain(markdown)
                self._add(Block(ITEM, markdown, text, self._section_name(),
                                links=links_of(markdown), parent=parent))
                self.open_items.append((self.item_indent, text))

    def _flush(self, end_list: bool = False) -> None:
        self._flush_item()
        if end_list:
            self.open_items = []
        if self.paragraph:
            markdown = " ".join(part for part in self.paragraph if part)
            self.paragraph = []
            if markdown.strip():
                self._add(Block(PARAGRAPH, markdown, plain(markdown), self._section_name(),
                                links=links_of(markdown)))

    def _add(self, block: Block) -> None:
        self.sections[-1].blocks.append(block)

    def _section_name(self) -> str:
        return self.sections[-1].heading


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())

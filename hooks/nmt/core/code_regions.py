"""Where Python-Markdown, with the site's extensions, puts code.

Checks and rewrites (glossary terms, sfs: links, link checks, heading ids …)
must leave alone what readers see as code, and must not skip what they see
as text. Whether four spaces start a code block is not a property of the
line: after a blank line it is code; in a list item's continuation, an
admonition (!!!), a collapsible block (???), a tab (===), a footnote or a
definition it is text, and eight spaces there are code again. So the
question is answered the way Python-Markdown's own block parser answers it:
the same processors in the same order, with the same regular expressions
(imported from Markdown and pymdown-extensions), keeping each line's row.
Rendering the page with Markdown cannot answer it: the HTML no longer says
which source line became which code, and a render costs far more than this.

Ported, in Markdown's priority order: pymdownx.superfences' fenced-block
preprocessor (a fence whose header or indentation it refuses is no fence;
an indented code block takes a fence inside it back), admonition,
pymdownx.details, pymdownx.tabbed (alternate style), blank blocks, list and
definition-list continuation, indented code, tables, headings, rules, lists,
definition lists, block quotes, footnotes (parsed after the page, as
Markdown does), abbreviations, link references and paragraphs; then
Markdown's backtick rule for `inline code` in each element's text.
Not ported: raw HTML blocks (Markdown passes them through without reading
them as Markdown; here they read as paragraphs).
tests/hooks/test_code_regions.py compares the result with Markdown's own
output on generated documents, so an upgrade that changes a rule fails there.

Markdown itself rescans the rest of a block after every line it splits off
(a block of 12 000 heading lines takes it 15 s); here a block is a view of
shared lines that remember, per kind of line, where the next one is, so the
walk stays linear on hostile pages.
"""
from __future__ import annotations

import bisect
import re
from types import SimpleNamespace

from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.tables import TableProcessor
from pymdownx.details import DetailsProcessor
from pymdownx.superfences import (
    RE_HL_LINES,
    RE_LINENUMS,
    RE_NESTED_FENCE_START,
    RE_OPTIONS,
)
from pymdownx.tabbed import TabbedProcessor

# The Markdown extensions (with their settings) whose block rules are ported
# here; tests/hooks/test_code_regions.py fails when mkdocs.yml loads others.
PORTED_EXTENSIONS = {
    "toc": None, "tables": None, "fenced_code": None, "abbr": None, "admonition": None, "attr_list": None,
    "def_list": None, "footnotes": None, "md_in_html": None, "pymdownx.details": None,
    "pymdownx.superfences": {}, "pymdownx.tabbed": {"alternate_style": True},
}
TAB = 4                       # Markdown's tab_length (the site does not change it)
INDENT = " " * TAB
# Deeper nesting than this is not a page but an attack on the build: what is
# below it reads as text. (Markdown stops nesting block quotes near Python's
# recursion limit, and fails with RecursionError on deeper lists.)
MAX_DEPTH = 60
LINE_BREAK = re.compile(r"\r\n|\r|\n")       # what Markdown reads as the end of a line
# OListProcessor's patterns as it builds them for tab_length 4.
OLIST_START = re.compile(r"^[ ]{0,3}\d+\.[ ]+(.*)")
ULIST_START = re.compile(r"^[ ]{0,3}[*+-][ ]+(.*)")
LIST_CHILD = re.compile(r"^[ ]{0,3}((\d+\.)|[*+-])[ ]+(.*)")
LIST_INDENTED_CHILD = re.compile(r"^[ ]{4,7}((\d+\.)|[*+-])[ ]+.*")
FENCE_PREFIX = (">", " ", "\t")
FENCE_OPTIONS = {"hl_lines": RE_HL_LINES, "linenums": RE_LINENUMS, "title": None, "title_mode": None}
PLACEHOLDER = "\x02wzxhzdk:0\x03"   # the shape of Markdown's own placeholder
ABBREVIATION_END = re.compile(r"\] ?:")
SCAN_DIRECTLY = 24            # lines: fewer are scanned, more get an index per kind of line


# Kinds of line that a processor looks for anywhere in a block, as bits of
# Line.kinds. Each pattern used below cannot cross a line break, so "a line
# matches" is the same as Markdown's search over the joined block finding it
# on that line. The multi-line patterns (footnotes, link references,
# abbreviations) get where a match can start and the line that bounds it.
(ADMONITION_HEADER, DETAILS_HEADER, TAB_HEADER, HASH_HEADING, RULE, DEFINITION, QUOTED, HAS_TEXT,
 FOOTNOTE_START, REFERENCE_START, ABBREVIATION_START, CLOSING_BRACKET, ABBREVIATION_CLOSE) = (1 << bit for bit in range(13))
# Most blocks are plain text with none of these: one lookup answers every processor.
SPECIAL = (1 << 13) - 1 & ~HAS_TEXT


def kinds_of(text: str) -> int:
    """The kinds of a line, tested with Markdown's own patterns (after a cheap look at its first character)."""
    stripped = text.lstrip(" ")
    indent, first = len(text) - len(stripped), stripped[:1]
    kinds = HAS_TEXT if text.strip() else 0
    if "]" in text:
        kinds |= CLOSING_BRACKET | (ABBREVIATION_CLOSE if ABBREVIATION_END.search(text) else 0)
    if indent <= 3 and first:
        if first == ">" and BlockQuoteProcessor.RE.match(text):
            kinds |= QUOTED
        elif first == ":" and DefListProcessor.RE.match(text):
            kinds |= DEFINITION
        elif first == "[":
            kinds |= REFERENCE_START | (FOOTNOTE_START if stripped.startswith("[^") else 0)
        elif first in "-_*" and HRProcessor.SEARCH_RE.match(text):
            kinds |= RULE
    if indent == 0:
        if first == "!" and AdmonitionProcessor.RE.match(text):
            kinds |= ADMONITION_HEADER
        elif first == "?" and DetailsProcessor.START.match(text):
            kinds |= DETAILS_HEADER
        elif first == "=" and TabbedProcessor.START.match(text):
            kinds |= TAB_HEADER
        elif first == "#" and HashHeaderProcessor.RE.match(text):
            kinds |= HASH_HEADING
        elif text.startswith("*["):
            kinds |= ABBREVIATION_START
    return kinds


def table_border(text: str) -> bool:
    row = text.strip(" ")
    return row.startswith("|") or TableProcessor.RE_END_BORDER.search(row) is not None


class Line:
    """One line as Markdown sees it at some point: its row in the page and
    what is left of it after indentation or a marker was taken away."""

    __slots__ = ("row", "cut", "text", "known_kinds")

    def __init__(self, row: int, cut: int, text: str):
        self.row, self.cut, self.text, self.known_kinds = row, cut, text, None

    def after(self, columns: int) -> Line:
        return Line(self.row, self.cut + columns, self.text[columns:])

    def kinds(self) -> int:
        if self.known_kinds is None:
            self.known_kinds = kinds_of(self.text)
        return self.known_kinds


class Placeholder(Line):
    """The one line that stands for a fenced block until the block parser is done."""

    __slots__ = ("original", "indent")

    def __init__(self, row: int, text: str, original: list[Line], indent: int):
        super().__init__(row, 0, text)
        self.original, self.indent = original, indent

    def after(self, columns: int) -> Placeholder:
        return Placeholder(self.row, self.text[columns:], self.original, self.indent)

    def reverted(self) -> list[Line]:
        """SuperFencesCodeBlockProcessor.revert_greedy_fences: the fence's own
        lines again, re-indented to where the placeholder now stands."""
        level = len(self.text) - len(self.text.lstrip("> "))
        lines = [line.after(self.indent - level) for line in self.original]
        if len(lines) == 2:   # SuperFences stores an empty fence's code as "\n": one empty line
            lines.insert(1, Line(lines[0].row, lines[0].cut + len(lines[0].text), ""))
        return lines


class Lines:
    """Lines shared by the blocks cut from them, with, per kind of line,
    where the next line of that kind is (worked out on first use).

    Lines made by putting a few lines before or after a block (a definition's
    first line, a footnote's) ask that block's lines for the part they share,
    so a hostile page's deep nesting does not make every level rescan it."""

    __slots__ = ("items", "next_of", "before", "base", "base_start", "base_stop")

    def __init__(self, items: list[Line], before: int = 0, base: Lines | None = None,
                 base_start: int = 0, base_stop: int = 0):
        self.items, self.next_of = items, {}
        self.before, self.base, self.base_start, self.base_stop = before, base, base_start, base_stop

    @classmethod
    def around(cls, before: list[Line], block: Block, after: list[Line]) -> Lines:
        items = before + block.lines.items[block.start:block.stop] + after
        return cls(items, len(before), block.lines, block.start, block.stop)

    def next(self, kind, index: int) -> int:
        """The index of the first line of a kind from index on (len(items) if none)."""
        if len(self.items) <= SCAN_DIRECTLY:
            return next((at for at in range(index, len(self.items)) if self.items[at].kinds() & kind), len(self.items))
        table = self._table(kind)
        shared_end = self.before + self.base_stop - self.base_start
        found = index if self.base is not None and self.before <= index < shared_end else table[index]
        if self.base is None or not self.before <= found < shared_end:
            return found
        inner = self.base.next(kind, self.base_start + found - self.before)   # a shared line: the base knows
        return inner - self.base_start + self.before if inner < self.base_stop else table[shared_end]

    def _table(self, kind) -> list[int]:
        """Per index, the next line of the kind (the first shared line stands
        for all of them: next() asks the base about those)."""
        table = self.next_of.get(kind)
        if table is None:
            table = [len(self.items)] * (len(self.items) + 1)
            shared_end = self.before + self.base_stop - self.base_start if self.base is not None else 0
            for index in range(len(self.items) - 1, shared_end - 1, -1):
                table[index] = index if self.items[index].kinds() & kind else table[index + 1]
            if shared_end > self.before:
                table[self.before] = self.before
            for index in range(self.before - 1, -1, -1):
                table[index] = index if self.items[index].kinds() & kind else table[index + 1]
            self.next_of[kind] = table
        return table


class Block:
    """A run of lines, as Markdown's block strings are: slicing shares the lines."""

    __slots__ = ("lines", "start", "stop")

    def __init__(self, lines: Lines | list[Line], start: int = 0, stop: int | None = None):
        self.lines = lines if isinstance(lines, Lines) else Lines(lines)
        self.start = start
        self.stop = len(self.lines.items) if stop is None else stop

    def __len__(self) -> int:
        return self.stop - self.start

    def __iter__(self):
        items = self.lines.items
        return (items[index] for index in range(self.start, self.stop))

    def __getitem__(self, key):
        if isinstance(key, slice):
            first, last, _ = key.indices(len(self))
            return Block(self.lines, self.start + first, self.start + max(first, last))
        return self.lines.items[self.start + key if key >= 0 else self.stop + key]

    def __add__(self, other) -> Block:
        if isinstance(other, Block) and len(other) > len(self):
            return Block(Lines.around(list(self), other, []))
        return Block(Lines.around([], self, list(other)))

    def __radd__(self, other) -> Block:
        return Block(Lines.around(list(other), self, []))

    def first(self, kind, offset: int = 0) -> int | None:
        """The index (in this block) of the first line of a kind, from offset on."""
        if offset >= len(self):
            return None
        if kind & SPECIAL == kind and self.lines.next(SPECIAL, self.start + offset) >= self.stop:
            return None
        found = self.lines.next(kind, self.start + offset)
        return found - self.start if found < self.stop else None

    def text(self) -> str:
        return "\n".join(line.text for line in self)


def empty(block: Block) -> bool:
    """The block is the empty string."""
    return len(block) == 0 or (len(block) == 1 and not block[0].text)


def starts_indented(block: Block) -> bool:
    return len(block) > 0 and block[0].text.startswith(INDENT)


def blank_line(like: Line) -> Line:
    return Line(like.row, like.cut + len(like.text), "")


def strip_blank_ends(block: Block, leading: bool = True, trailing: bool = True) -> Block:
    """Like str.strip('\\n') on the block's text: empty lines off the ends."""
    start, end = 0, len(block)
    while leading and start < end and not block[start].text:
        start += 1
    while trailing and end > start and not block[end - 1].text:
        end -= 1
    return block[start:end]


def joined_with(first: Block, second: Block) -> Block:
    """'\\n'.join([first, second]) of two block strings (an empty one is still a line)."""
    return (first if len(first) else Block([Line(0, 0, "")])) + (second if len(second) else [Line(0, 0, "")])


def detab(block: Block, length: int = TAB) -> tuple[Block, Block]:
    """BlockProcessor.detab: the indented lines (blank ones too) and the rest."""
    taken = []
    for line in block:
        if line.text.startswith(" " * length):
            taken.append(line.after(length))
        elif not line.text.strip():
            taken.append(Line(line.row, line.cut, ""))
        else:
            break
    return Block(taken), block[len(taken):]


def loose_detab(block: Block, level: int = 1) -> Block:
    width = TAB * level
    return Block([line.after(width) if line.text.startswith(" " * width) else line for line in block])


def split_blocks(block: Block) -> list[Block]:
    """text.split('\\n\\n') on the block's text: an empty line between two
    others separates blocks, but not one right after a separator."""
    blocks, start, previous_separated = [], 0, False
    for index in range(len(block)):
        if not block[index].text and 0 < index < len(block) - 1 and not previous_separated:
            blocks.append(block[start:index])
            start, previous_separated = index + 1, True
        else:
            previous_separated = False
    blocks.append(block[start:])
    return blocks


class Element:
    """The little of Markdown's element tree that its decisions look at."""

    __slots__ = ("tag", "cls", "children", "text", "tail")

    def __init__(self, tag: str, cls: str = ""):
        self.tag, self.cls, self.children = tag, cls, []
        self.text: list[Line] = []
        self.tail: list[Line] = []

    def add(self, tag: str, cls: str = "") -> Element:
        child = Element(tag, cls)
        self.children.append(child)
        return child

    def last(self) -> Element | None:
        return self.children[-1] if self.children else None

    def wrap_text_in_paragraph(self) -> None:
        """A list item's loose text becomes its first paragraph (several processors do this)."""
        if self.text:
            paragraph = Element("p")
            paragraph.text, self.text = self.text, []
            self.children.insert(0, paragraph)


# --- The page, and its fenced blocks (pymdownx.superfences' preprocessor) -----------

class Page:
    """A page's rows as Markdown's NormalizeWhitespace leaves them, and where
    each row sits in the original text."""

    def __init__(self, text: str):
        self.text = text
        self.starts, self.ends, rows = [], [], []
        position = 0
        for match in LINE_BREAK.finditer(text):
            self._add(rows, position, match.start())
            position = match.end()
        self._add(rows, position, len(text))
        self.rows = rows

    def _add(self, rows: list[str], start: int, end: int) -> None:
        raw = self.text[start:end].replace("\x02", "").replace("\x03", "")
        expanded = raw.expandtabs(TAB)
        # re.sub(r'(?<=\n) +\n', '\n', …): a row of spaces is empty, except the first
        if rows and expanded and not expanded.strip(" "):
            expanded = ""
        self.starts.append(start)
        self.ends.append(end)
        rows.append(expanded)

    def offset(self, row: int, column: int) -> int:
        """The offset in the original text of a column of a row as Markdown sees it."""
        start, end = self.starts[row], self.ends[row]
        original = self.text[start:end]
        if "\t" not in original and "\x02" not in original and "\x03" not in original:
            return start + min(column, end - start)
        width = 0
        for index, char in enumerate(original):
            if width >= column:
                return start + index
            if char == "\t":
                width += TAB - width % TAB
            elif char not in "\x02\x03":
                width += 1
        return end


def fence_header_accepted(match: re.Match) -> bool:
    """SuperFences' header check with its default validator (no custom fences)."""
    if match.group("unrecognized"):
        return False          # relaxed_headers is off: an unknown header is no fence
    if match.group("attrs"):
        return True           # {…}: attributes are accepted (attr_list is on)
    for option in RE_OPTIONS.finditer(match.group("options") or ""):
        key, value = option.group("key"), option.group("value")
        value = key if value is None else value
        if key not in FENCE_OPTIONS:
            return False      # would become an attribute, which refuses the fence
        check = FENCE_OPTIONS[key]
        if check is not None and check.match(value) is None:
            return False
    return True


def prefix_width(line: str) -> tuple[str, int]:
    """The leading spaces, tabs and '>' of a line (tabs expanded) and how many characters they are."""
    length = 0
    while length < len(line) and line[length] in FENCE_PREFIX:
        length += 1
    return line[:length].expandtabs(TAB), length


def fenced_blocks(rows: list[str]) -> list[Line]:
    """The rows with each fenced block replaced by one placeholder line, as
    superfences does before the block parser runs."""
    result: list[Line] = []
    row = 0
    while row < len(rows):
        closed, after = _fence(rows, row)
        if closed:
            whitespace = prefix_width(rows[row])[0]
            original = [Line(number, 0, rows[number]) for number in range(row, after)]
            result.append(Placeholder(row, whitespace + PLACEHOLDER, original, len(whitespace)))
        else:
            result.extend(Line(number, 0, rows[number]) for number in range(row, after))
        row = after
    return result


def _fence(rows: list[str], start: int) -> tuple[bool, int]:
    """(True, the row after the closing fence) for a fenced block opened on
    `start`; else (False, the row where SuperFences looks for the next opening).

    SuperFencesBlockPreprocessor.search_nested for one opening: the closing
    fence is the same string at the same indentation (and quote level). A
    line that breaks the indentation abandons the fence, and the search goes
    on after that line; a fence that never closes hides every opening after it.
    """
    whitespace, width = prefix_width(rows[start])
    opening = RE_NESTED_FENCE_START.match(rows[start], width)
    if opening is None or not fence_header_accepted(opening):
        return False, start + 1
    closing = re.compile(re.escape(opening.group("fence")) + r"[ \t]*$")
    quote_level, indent, blank_seen = whitespace.count(">"), len(whitespace), False
    for row in range(start + 1, len(rows)):
        line_whitespace, content = _fence_line(rows[row], indent)
        level = line_whitespace.count(">")
        if quote_level:
            if level > quote_level or (content and (len(line_whitespace) < width
                                                    or (blank_seen and level < quote_level))):
                return False, row + 1
            blank_seen = not content
            if content and closing.match(content):
                return True, row + 1
        elif level:
            return False, row + 1
        elif (line_whitespace + content).strip():
            if len(line_whitespace) != indent and content != "":
                return False, row + 1
            if closing.match(content):
                return True, row + 1
    return False, len(rows)


def _fence_line(line: str, indent: int) -> tuple[str, str]:
    """SuperFences' parse_fence_line: the prefix up to the fence's indentation, and the rest."""
    width = taken = 0
    whitespace = []
    for char in line:
        if width >= indent or char not in FENCE_PREFIX:
            break
        taken += 1
        if char == "\t":
            size = TAB - (width % TAB)
            whitespace.append(" " * size)
            width += size
        else:
            whitespace.append(char)
            width += 1
    return "".join(whitespace), line[taken:]


# --- The block parser (markdown.blockparser with the site's processors) --------------

class BlockParser:
    """Python-Markdown's BlockParser and processors, on lines that keep their row.

    Each pair of methods mirrors one processor's test() and run(), in
    Markdown's order (priorities 105 … 10). A run returning False hands the
    block on to the next processor, as in Markdown."""

    def __init__(self):
        self.code_rows: set[int] = set()
        self.state: list[str] = []
        self.depth = 0
        self.footnotes: dict[str, Block] = {}
        self.roots: list[Element] = []
        self.waiting: dict[str, tuple[Element, int] | None] = {"admonition": None, "details": None, "tabbed": None}
        self.table = TableProcessor(SimpleNamespace(md=SimpleNamespace(tab_length=TAB)), {"use_align_attribute": False})
        self.processors = [
            (self.test_admonition, self.run_admonition),
            (self.test_details, self.run_details),
            (self.test_tabbed, self.run_tabbed),
            (self.test_empty, self.run_empty),
            (self.test_list_indent, self.run_list_indent),
            (self.test_definition_indent, self.run_definition_indent),
            (self.test_code, self.run_code),
            (self.test_table, self.run_table),
            (self.test_hash_heading, self.run_hash_heading),
            (self.test_underlined_heading, self.run_underlined_heading),
            (self.test_rule, self.run_rule),
            (self.test_ordered_list, self.run_ordered_list),
            (self.test_unordered_list, self.run_unordered_list),
            (self.test_definition_list, self.run_definition_list),
            (self.test_quote, self.run_quote),
            (self.anything, self.run_footnote),
            (self.anything, self.run_abbreviation),
            (self.anything, self.run_reference),
            (self.anything, self.run_paragraph),
        ]

    # -- the loop --

    def parse_document(self, lines: list[Line]) -> None:
        self.roots.append(Element("div"))
        self.parse_chunk(self.roots[0], Block(lines))
        for label in list(self.footnotes):   # the footnotes' list, parsed after the page
            self.roots.append(Element("div"))
            self.parse_chunk(self.roots[-1], self.footnotes[label])

    def parse_chunk(self, parent: Element, block: Block) -> None:
        self.parse_blocks(parent, split_blocks(block))

    def parse_blocks(self, parent: Element, blocks: list[Block]) -> None:
        if self.depth >= MAX_DEPTH:
            parent.text = parent.text + [line for block in blocks for line in block]
            return
        self.depth += 1
        while blocks:
            if self.plain_paragraph(blocks[0]):
                self.run_paragraph(parent, blocks)   # what every processor before it would decline
                continue
            for test, run in self.processors:
                if test(parent, blocks[0]) and run(parent, blocks) is not False:
                    break
        self.depth -= 1

    @staticmethod
    def plain_paragraph(block: Block) -> bool:
        """A block no processor but the paragraph's takes: not indented, no
        line of a special kind, no table row, list item or underline."""
        if len(block) == 0 or not block[0].text or block[0].text.startswith(INDENT):
            return False
        first = block[0].text
        if "|" in first or OLIST_START.match(first) or ULIST_START.match(first) or block.first(SPECIAL) is not None:
            return False
        return len(block) < 2 or SetextHeaderProcessor.RE.match(block[:2].text()) is None

    def is_state(self, state: str) -> bool:
        return bool(self.state) and self.state[-1] == state

    def in_state(self, state: str, parse, *args) -> None:
        self.state.append(state)
        parse(*args)
        self.state.pop()

    @staticmethod
    def anything(parent: Element, block: Block) -> bool:
        return True

    # -- admonition, details, tabbed: a header line, then indented content --

    def test_admonition(self, parent, block):
        return block.first(ADMONITION_HEADER) is not None or self.content_of("admonition", parent, block)[0] is not None

    def run_admonition(self, parent, blocks):
        return self.run_container("admonition", ADMONITION_HEADER, AdmonitionProcessor.RE, parent, blocks)

    def test_details(self, parent, block):
        return block.first(DETAILS_HEADER) is not None or self.content_of("details", parent, block)[0] is not None

    def run_details(self, parent, blocks):
        return self.run_container("details", DETAILS_HEADER, DetailsProcessor.START, parent, blocks)

    def test_tabbed(self, parent, block):
        return block.first(TAB_HEADER) is not None or self.content_of("tabbed", parent, block)[0] is not None

    def run_tabbed(self, parent, blocks):
        return self.run_container("tabbed", TAB_HEADER, TabbedProcessor.START, parent, blocks)

    @staticmethod
    def is_container(kind: str, element: Element | None) -> bool:
        if element is None:
            return False
        if kind == "admonition":
            return element.tag == "div" and "admonition" in element.cls
        if kind == "details":
            return element.tag == "details"
        return element.tag == "div" and element.cls == "tabbed-set tabbed-alternate"

    def content_of(self, kind: str, parent: Element, block: Block):
        """AdmonitionProcessor.parse_content (and its copies in details and tabbed):
        is this indented block more content of the container just above it?"""
        if self.waiting[kind] is not None:
            sibling, indent = self.waiting[kind]
            self.waiting[kind] = None
            content, rest = detab(block, indent)
            return sibling, content, rest
        sibling = parent.last()
        if not self.is_container(kind, sibling):
            return None, block, Block([])
        first = block[0].text if len(block) else ""
        indent = 0
        last = self.container_body(kind, sibling)
        while last is not None:
            deeper = first.startswith(INDENT * 2)
            if deeper and kind == "tabbed" and last.tag == "div" and last.cls == "tabbed-block":
                inner = last.last()
                if inner is None or inner.tag not in ("ul", "ol", "dl"):
                    break
                last = inner
            elif not (deeper and last.tag in ("ul", "ol", "dl")):
                break
            sibling = last.last()
            last = sibling.last() if sibling is not None else None
            first = first[TAB:]
            indent += TAB
        if sibling is None or not first.startswith(INDENT):
            return None, block, Block([])
        indent += TAB
        content, rest = detab(block, indent)
        self.waiting[kind] = (sibling, indent)
        return sibling, content, rest

    @staticmethod
    def container_body(kind: str, sibling: Element) -> Element | None:
        """Where the container's content went last (tabbed: the last tab's block)."""
        if kind != "tabbed":
            return sibling.last()
        content = sibling.last()
        return content.last() if content is not None else None

    def run_container(self, kind: str, header_line, header: re.Pattern, parent: Element, blocks: list[Block]):
        block = blocks.pop(0)
        row = block.first(header_line)
        if row is not None:
            match = header.match(block[row].text)
            if row > 0:
                self.parse_blocks(parent, [block[:row]])
            sibling = parent.last()
            content, rest = detab(block[row + 1:])
            container = self.new_container(kind, parent, sibling, match, block[row])
        else:
            sibling, content, rest = self.content_of(kind, parent, block)
            container = self.existing_container(kind, sibling)
        self.parse_chunk(container, content)
        if not empty(rest):
            blocks.insert(0, rest)

    def new_container(self, kind: str, parent: Element, sibling, match: re.Match, header: Line) -> Element:
        if kind == "admonition":
            container = parent.add("div", "admonition")
            if match.group(2) != "":
                container.add("p", "admonition-title").text = [header]
            return container
        if kind == "details":
            container = parent.add("details")
            container.add("summary").text = [header]
            return container
        if self.is_container("tabbed", sibling) and "!" not in (match.group(1) or ""):
            group = sibling
        else:
            group = parent.add("div", "tabbed-set tabbed-alternate")
            group.add("div", "tabbed-labels")
            group.add("div", "tabbed-content")
        group.children[-2].add("label").text = [header]
        return group.children[-1].add("div", "tabbed-block")

    def existing_container(self, kind: str, sibling: Element) -> Element:
        if sibling.tag in ("li", "dd") and sibling.text:
            sibling.add("p").text, sibling.text = sibling.text, []
            return sibling
        if kind == "tabbed" and self.is_container("tabbed", sibling):
            return sibling.last().last()
        return sibling

    # -- blank blocks, list continuation, code --

    @staticmethod
    def test_empty(parent, block):
        return empty(block) or (len(block) > 1 and not block[0].text)

    @staticmethod
    def run_empty(parent, blocks):
        block = blocks.pop(0)
        if not empty(block) and not empty(block[1:]):
            blocks.insert(0, block[1:])

    def test_list_indent(self, parent, block, items=("li",), lists=("ul", "ol")):
        last = parent.last()
        return (starts_indented(block) and not self.is_state("detabbed")
                and (parent.tag in items or (last is not None and last.tag in lists)))

    def run_list_indent(self, parent, blocks, items=("li",), lists=("ul", "ol"), new_item="li"):
        """ListIndentProcessor.run (DefListIndentProcessor's with dd and dl)."""
        block = blocks.pop(0)
        level, sibling = self.indent_level(parent, block, items, lists)
        block = loose_detab(block, level)
        self.state.append("detabbed")
        if parent.tag in items:
            last = parent.last()
            self.parse_blocks(last if last is not None and last.tag in lists else parent, [block])
        elif sibling.tag in items:
            self.parse_blocks(sibling, [block])
        elif sibling.children and sibling.children[-1].tag in items:
            sibling.children[-1].wrap_text_in_paragraph()
            self.parse_chunk(sibling.children[-1], block)
        else:
            self.parse_blocks(sibling.add(new_item), [block])
        self.state.pop()

    def indent_level(self, parent: Element, block: Block, items, lists) -> tuple[int, Element]:
        first = block[0].text
        indent_level = (len(first) - len(first.lstrip(" "))) // TAB
        level = 1 if self.is_state("list") else 0
        while indent_level > level:
            child = parent.last()
            if child is None or (child.tag not in lists and child.tag not in items):
                break
            if child.tag in lists:
                level += 1
            parent = child
        return level, parent

    def test_definition_indent(self, parent, block):
        return self.test_list_indent(parent, block, ("dd", "li"), ("dl", "ol", "ul"))

    def run_definition_indent(self, parent, blocks):
        return self.run_list_indent(parent, blocks, ("dd", "li"), ("dl", "ol", "ul"), "dd")

    @staticmethod
    def test_code(parent, block):
        return starts_indented(block)

    def run_code(self, parent, blocks):
        block = []
        for line in blocks.pop(0):
            if isinstance(line, Placeholder):
                block += line.reverted()
            else:
                block.append(line)
        code, rest = detab(Block(block))
        self.code_rows.update(line.row for line in code if line.text)
        if not (parent.last() is not None and parent.last().tag == "pre"):
            parent.add("pre")
        if not empty(rest):
            blocks.insert(0, rest)

    # -- tables, headings, rules --

    def test_table(self, parent, block):
        """TableProcessor.test, which reads the first two rows (and, for a
        one-column table with a border, whether every row has one)."""
        if len(block) < 2 or not self.table.test(None, block[:2].text()):
            return False
        one_column_with_border = self.table.border and len(self.table._split_row(block[0].text.strip(" "))) == 1
        return not one_column_with_border or all(table_border(line.text) for line in block[2:])

    @staticmethod
    def run_table(parent, blocks):
        block = blocks.pop(0)
        table = parent.add("table")
        for line in list(block)[:1] + list(block)[2:]:
            table.add("tr").text = [line]

    @staticmethod
    def test_hash_heading(parent, block):
        return block.first(HASH_HEADING) is not None

    def run_hash_heading(self, parent, blocks):
        block = blocks.pop(0)
        row = block.first(HASH_HEADING)
        if not empty(block[:row]):
            self.parse_blocks(parent, [block[:row]])
        parent.add("h").text = [block[row]]
        after = block[row + 1:]
        if not empty(after):
            blocks.insert(0, loose_detab(after) if self.is_state("looselist") else after)

    @staticmethod
    def test_underlined_heading(parent, block):
        return len(block) > 1 and SetextHeaderProcessor.RE.match(block[:2].text()) is not None

    @staticmethod
    def run_underlined_heading(parent, blocks):
        block = blocks.pop(0)
        parent.add("h").text = [block[0]]
        if len(block) > 2:
            blocks.insert(0, block[2:])

    @staticmethod
    def test_rule(parent, block):
        return block.first(RULE) is not None

    def run_rule(self, parent, blocks):
        block = blocks.pop(0)
        row = block.first(RULE)
        before = strip_blank_ends(block[:row], leading=False)
        if len(before):
            self.parse_blocks(parent, [before])
        parent.add("hr")
        after = strip_blank_ends(block[row + 1:], trailing=False)
        if len(after):
            blocks.insert(0, after)

    # -- lists --

    @staticmethod
    def test_ordered_list(parent, block):
        return len(block) > 0 and OLIST_START.match(block[0].text) is not None

    def run_ordered_list(self, parent, blocks, tag="ol"):
        """OListProcessor.run (UListProcessor's with tag 'ul')."""
        items = self.list_items(blocks.pop(0))
        sibling = parent.last()
        if sibling is not None and sibling.tag in ("ol", "ul"):
            container = sibling
            item = container.children[-1]
            item.wrap_text_in_paragraph()
            last = item.last()
            if last is not None and last.tail:
                item.add("p").text, last.tail = last.tail, []
            self.in_state("looselist", self.parse_blocks, container.add("li"), [items.pop(0)])
        elif parent.tag in ("ol", "ul"):
            container = parent
        else:
            container = parent.add(tag)
        self.state.append("list")
        for item in items:
            if item[0].text.startswith(INDENT):
                self.parse_blocks(container.children[-1], [item])
            else:
                self.parse_blocks(container.add("li"), [item])
        self.state.pop()

    @staticmethod
    def list_items(block: Block) -> list[Block]:
        items: list[list[Line]] = []
        for line in block:
            child = LIST_CHILD.match(line.text)
            if child:
                items.append([line.after(child.start(3))])
            elif LIST_INDENTED_CHILD.match(line.text) and not items[-1][0].text.startswith(INDENT):
                items.append([line])
            else:
                items[-1].append(line)
        return [Block(item) for item in items]

    @staticmethod
    def test_unordered_list(parent, block):
        return len(block) > 0 and ULIST_START.match(block[0].text) is not None

    def run_unordered_list(self, parent, blocks):
        return self.run_ordered_list(parent, blocks, "ul")

    # -- definition lists, quotes --

    @staticmethod
    def test_definition_list(parent, block):
        return block.first(DEFINITION) is not None

    def run_definition_list(self, parent, blocks):
        raw = blocks.pop(0)
        row = raw.first(DEFINITION)
        match = DefListProcessor.RE.match(raw[row].text)
        terms = [[line] for line in raw[:row] if line.text.strip()]
        after = raw[row + 1:]
        rest = Block([])
        if DefListProcessor.NO_INDENT_RE.match(after[:2].text()):   # (an empty first line counts: '\n' is not ' ')
            described = after
        else:
            described, rest = detab(after)
        first = raw[row].after(match.start(2))
        described = [first] + described if not empty(described) else Block([first])
        sibling = parent.last()
        if not terms and sibling is None:
            blocks.insert(0, raw)
            return False
        state = "list"
        if not terms and sibling.tag == "p":
            state = "looselist"
            terms = [[line] for line in sibling.text]
            parent.children.remove(sibling)
            sibling = parent.last()
        if sibling is not None and sibling.tag == "dl":
            container = sibling
            if not terms and container.children and container.children[-1].tag == "dd" and container.children[-1].children:
                state = "looselist"
        else:
            container = parent.add("dl")
        for term in terms:
            container.add("dt").text = term
        self.in_state(state, self.parse_blocks, container.add("dd"), [described])
        if not empty(rest):
            blocks.insert(0, rest)

    def test_quote(self, parent, block):
        return self.depth < MAX_DEPTH and block.first(QUOTED) is not None

    def run_quote(self, parent, blocks):
        block = blocks.pop(0)
        row = block.first(QUOTED)
        if row > 0:
            self.parse_blocks(parent, [block[:row]])
            # block[m.start():] begins with the newline that ended the line before
            inside = [blank_line(block[row - 1])] + list(block[row:])
        else:
            inside = list(block)
        sibling = parent.last()
        quote = sibling if sibling is not None and sibling.tag == "blockquote" else parent.add("blockquote")
        self.in_state("blockquote", self.parse_chunk, quote, Block([self.unquoted(line) for line in inside]))

    @staticmethod
    def unquoted(line: Line) -> Line:
        if line.text.strip() == ">":
            return blank_line(line)
        match = BlockQuoteProcessor.RE.match(line.text)
        return line.after(match.start(2)) if match else line

    # -- footnotes, abbreviations, link references, paragraphs --

    @staticmethod
    def find(block: Block, pattern: re.Pattern, start_line: int, end_line: int, extra: int, offset: int = 0):
        """(row, match) of the first match of a multi-line pattern anchored at
        line starts, as pattern.search over the joined block finds it.

        A match starting on a row reaches no further than the first end_line
        from there (and `extra` lines after it), so the candidate rows up to
        that line are tried on one shared piece of text. A row that fails
        tells how far the next can be skipped: a footnote label runs to that
        same ']' for every earlier row, an abbreviation fails at the same
        backslash; a link label stops at the next '[' anyway."""
        row = block.first(start_line, offset)
        while row is not None:
            last = block.first(end_line, row)
            if last is None:
                return None, None                 # nothing further down can close a match
            window_first, window = row, block[row:last + 1 + extra]
            text, starts = window.text(), [0]
            for line in window:
                starts.append(starts[-1] + len(line.text) + 1)
            while row is not None and row <= last:
                position = starts[row - window_first]
                match = pattern.match(text, position)
                if match:
                    return row, match
                row = block.first(start_line, BlockParser.resume_after(pattern, row, last, text, position))
        return None, None

    @staticmethod
    def resume_after(pattern: re.Pattern, row: int, last: int, text: str, position: int) -> int:
        """The row from which a match can still start after one failed at `row`."""
        if pattern is FootnoteBlockProcessor.RE:
            return max(row + 1, last)
        backslash = text.find("\\", position) if pattern is AbbrBlockprocessor.RE else -1
        if backslash >= 0:
            return max(row + 1, row + text.count("\n", position, backslash) + 1)
        return row + 1

    @staticmethod
    def rows_of(block: Block, row: int, match: re.Match) -> tuple[int, int]:
        """The first and last row of a match found by find()."""
        return row, row + match.group(0).count("\n")

    def find_footnote(self, block: Block, offset: int = 0):
        return self.find(block, FootnoteBlockProcessor.RE, FOOTNOTE_START, CLOSING_BRACKET, 0, offset)

    def run_footnote(self, parent, blocks):
        """FootnoteBlockProcessor.run: the definition's text is kept and parsed after the page."""
        block = blocks.pop(0)
        row, match = self.find_footnote(block)
        if match is None:
            blocks.insert(0, block)
            return False
        first, last = self.rows_of(block, row, match)
        preceding = block[:first]
        while True:   # definitions directly after one another each keep only their line
            following, next_match = self.find_footnote(block, last + 1)
            if next_match is None or not empty(strip_blank_ends(block[last + 1:following])):
                break
            self.footnotes[match.group(1)] = Block([self.line_after_label(block[last], match)])
            match, (first, last) = next_match, self.rows_of(block, following, next_match)
        content = Block([self.line_after_label(block[last], match)])
        rest = strip_blank_ends(block[last + 1:], trailing=False)
        following, next_match = self.find_footnote(rest)
        if next_match is not None:
            before = strip_blank_ends(rest[:following], leading=False)
            content = strip_blank_ends(joined_with(content, self.footnote_detab(before)), trailing=False)
            blocks.insert(0, rest[following:])
        else:
            content = strip_blank_ends(joined_with(content, self.footnote_detab(rest)))
            for more in self.indented_footnote_blocks(blocks):   # "\n\n".join(fn_blocks)
                content = joined_with(joined_with(content, Block([])), more)
        self.footnotes[match.group(1)] = strip_blank_ends(content, leading=False)
        if preceding.first(HAS_TEXT) is not None:
            blocks.insert(0, strip_blank_ends(preceding, leading=False))
        return True

    @staticmethod
    def line_after_label(line: Line, match: re.Match) -> Line:
        """The footnote's first line: what follows ']:' on the match's last line."""
        return line.after(len(line.text) - len(match.group(2)))

    @staticmethod
    def footnote_detab(block: Block) -> Block:
        return Block([line.after(TAB) if line.text.startswith(INDENT) else line for line in block])

    def indented_footnote_blocks(self, blocks: list[Block]) -> list[Block]:
        """FootnoteBlockProcessor.detectTabbed: the indented blocks after a footnote are its own."""
        found = []
        while blocks and starts_indented(blocks[0]):
            block = blocks.pop(0)
            row, match = self.find_footnote(block)
            if match is not None:
                found.append(self.footnote_detab(strip_blank_ends(block[:row], leading=False)))
                blocks.insert(0, block[row:])
                break
            found.append(self.footnote_detab(block))
        return found

    def run_abbreviation(self, parent, blocks):
        block = blocks.pop(0)
        row, match = self.find(block, AbbrBlockprocessor.RE, ABBREVIATION_START, ABBREVIATION_CLOSE, 1)
        if match is None or not (match.group("abbr").strip() and match.group("title").strip()):
            blocks.insert(0, block)
            return False
        self.take_out(block, blocks, *self.rows_of(block, row, match))
        return True

    def run_reference(self, parent, blocks):
        block = blocks.pop(0)
        row, match = self.find(block, ReferenceProcessor.RE, REFERENCE_START, CLOSING_BRACKET, 2)
        if match is None:
            blocks.insert(0, block)
            return False
        first, last = self.rows_of(block, row, match)
        while True:   # definitions on the lines directly after, each on one line
            following, next_match = self.find(block, ReferenceProcessor.RE, REFERENCE_START, CLOSING_BRACKET, 2, last + 1)
            if next_match is None or not empty(strip_blank_ends(block[last + 1:following])) or "\n" in next_match.group(0):
                break
            last = following
        self.take_out(block, blocks, first, last)
        return True

    @staticmethod
    def take_out(block: Block, blocks: list[Block], first: int, last: int) -> None:
        """Put back what is before and after the definition lines first … last."""
        after = block[last + 1:]
        if after.first(HAS_TEXT) is not None:
            blocks.insert(0, strip_blank_ends(after, trailing=False))
        if block[:first].first(HAS_TEXT) is not None:
            blocks.insert(0, strip_blank_ends(block[:first], leading=False))

    def run_paragraph(self, parent, blocks):
        block = blocks.pop(0)
        if block.first(HAS_TEXT) is None:
            return
        if self.is_state("list"):
            sibling = parent.last()
            if sibling is not None:
                sibling.tail = sibling.tail + list(block)
            else:
                parent.text = parent.text + list(block)
        else:
            parent.add("p").text = list(block)


# --- Inline code (Markdown's backtick rule) and the result ------------------------------

def code_spans(text: str) -> list[tuple[int, int]]:
    """Where Markdown finds `code` in one element's text (BacktickInlineProcessor).

    From an unescaped backtick, Markdown counts the run (n) and looks for the
    first later run of exactly n; without one, the longest later run (if
    shorter than n) closes a span that keeps the extra opening backticks;
    without that, it skips 2·n characters and searches on. Markdown does this
    by scanning the rest of the text from every opening; here each run is
    looked up in an index, so a line of unmatched runs stays linear."""
    runs = [match.span() for match in re.finditer(r"`+", text)]
    exact: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        exact.setdefault(end - start, []).append(index)
    longest_after = [(0, -1)] * (len(runs) + 1)      # from run i on: (longest length, its first run)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        longest_after[index] = (length, index) if length >= longest_after[index + 1][0] else longest_after[index + 1]
    spans, position, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        if end <= position:
            index += 1
            continue
        begin = max(start, position)
        if begin == start and start and text[start - 1] == "\\" and not _escape_is_consumed(text, start, position):
            begin += 1      # an odd number of backslashes escapes the first backtick
            if begin >= end:
                index += 1
                continue
        ticks = end - begin
        candidates = exact.get(ticks, ())
        after = bisect.bisect_right(candidates, index)
        if after < len(candidates):
            spans.append((begin, runs[candidates[after]][1]))
            position, index = runs[candidates[after]][1], candidates[after] + 1
            continue
        longest, first = longest_after[index + 1]
        if 0 < longest < ticks:
            spans.append((begin, runs[first][1]))
            position, index = runs[first][1], first + 1
            continue
        position = begin + 2 * ticks
    return spans


def _escape_is_consumed(text: str, backtick: int, position: int) -> bool:
    """Markdown's first alternative: an even run of backslashes before a
    backtick, not itself escaped, is taken as escaped backslashes (when the
    search reaches its start), which leaves the backtick free to open."""
    first = backtick
    while first and text[first - 1] == "\\":
        first -= 1
    return (backtick - first) % 2 == 0 and position <= first


def texts_of(element: Element):
    """Every text Markdown reads inline, element by element."""
    stack = [element]
    while stack:
        node = stack.pop()
        if node.text:
            yield node.text
        if node.tail:
            yield node.tail
        stack.extend(node.children)


def code_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of everything in the text that Markdown shows as code."""
    page = Page(text)
    lines = fenced_blocks(page.rows + ["", ""])   # Markdown adds "\n\n" to the page
    parser = BlockParser()
    parser.parse_document(lines)
    rows = set(parser.code_rows)
    ranges = []
    for root in parser.roots:
        for element_text in texts_of(root):
            ranges += _span_ranges(page, element_text)
            # A fenced block is shown where its placeholder landed (a footnote
            # defined twice, or a link definition, drops it unseen).
            rows.update(line.row for placeholder in element_text if isinstance(placeholder, Placeholder)
                        for line in placeholder.original)
    ranges += [(page.starts[row], page.ends[row]) for row in sorted(rows) if row < len(page.starts)]
    return ranges


def _span_ranges(page: Page, lines: list[Line]) -> list[tuple[int, int]]:
    joined_text = "\n".join(line.text for line in lines)
    if "`" not in joined_text:
        return []
    starts, position = [], 0
    for line in lines:
        starts.append(position)
        position += len(line.text) + 1
    ranges = []
    for start, end in code_spans(joined_text):
        first, last = bisect.bisect_right(starts, start) - 1, bisect.bisect_right(starts, end - 1) - 1
        for index in range(first, last + 1):
            line = lines[index]
            if line.row >= len(page.starts) or isinstance(line, Placeholder):
                continue
            column_from = max(start - starts[index], 0)
            column_to = min(end - starts[index], len(line.text))
            ranges.append((page.offset(line.row, line.cut + column_from), page.offset(line.row, line.cut + column_to)))
    return ranges

"""Readability (LIX) of Swedish pages, and the limit for easy-to-read pages.

LIX (läsbarhetsindex, Björnsson 1968) = words per sentence + the percentage
of long words (more than six letters). We measure the prose a reader sees:
the front matter, code, HTML comments and tags, link targets and heading ids
are left out first. A heading, list item, table cell or admonition title is
its own sentence, because that is how it reads.

A Swedish page marked `easy_read: true` (lättläst) must stay at LIX 25 or
below; above it the strict build stops and names the longest sentences.
scripts/lix.py (`make lix`) prints every Swedish page's LIX with the same
functions, and the content tests use them too.

The text is the editor's, so every pattern here stays within one line, and
the character that starts a match is excluded from what may follow it: a
scan stops where the next attempt would start, and the time grows linearly
with the page whatever it contains (an unclosed "[" or "<" a thousand times).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from nmt.blocks.glossary_text import TERM_REFERENCE
from nmt.core.findings import Finding, report
from nmt.core.markdown import prose
from nmt.core.pages import is_fallback_copy, page_language, repo_path
from nmt.core.site_facts import default_language
from nmt.core.yaml_lines import YamlProblem, read_front_matter

LIX_LANGUAGE = "sv"          # LIX and its scale are Swedish
EASY_READ_LIMIT = 25         # lättläst: at most this LIX (below 25: the band of children's books)
LONG_WORD = 6                # a long word has more than six letters
SHOWN_SENTENCES = 3          # how many of the longest sentences a refusal names
SHOWN_SENTENCE_LENGTH = 80   # characters of each, then …

LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")           # [text](target) → text
HTML_TAG = re.compile(r"<[/!]?[A-Za-z][^<>\n]*>")               # <tag …> → space
ATTR_LIST = re.compile(r"\{[ \t]*[#:.][^{}\n]*\}")              # {#id}, {: .class} → nothing
ADMONITION = re.compile(r'[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+"([^"\n]*)")?[ \t]*$')
LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")
# A sentence ends at . ! ? (a run of them, from its first) followed by a
# capital letter or the end of the unit: "4 kap. 1 a §" and "t.ex. när" go on.
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=[ \t]+[A-ZÅÄÖÉ\"“(]|[ \t]*$)")
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+(?:[-'][A-Za-zÅÄÖåäöÉéÜü]+)*")


@dataclass(frozen=True)
class Sentence:
    line: int          # the source line where it starts
    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words


@dataclass
class _Unit:
    """A read unit being collected: its source lines and their text."""
    lines: list[int] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)


def visible_text(markdown: str) -> str:
    """The text a reader sees, with the source's line breaks (so lines stay right)."""
    text = _blank_comments(prose(markdown))  # prose(): front matter and code blanked
    text = TERM_REFERENCE.sub(lambda m: m.group(2) or m.group(1), text)
    text = LINK.sub(r"\1", text)
    text = HTML_TAG.sub(" ", text)
    return ATTR_LIST.sub("", text)


def _blank_comments(text: str) -> str:
    """HTML comments replaced by their line breaks; an unclosed one runs to the end."""
    pieces, position = [], 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        pieces += [text[position:start], "\n" * text.count("\n", start, end)]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def read_units(text: str) -> list[_Unit]:
    """Paragraphs (soft-wrapped lines joined), headings, list items, table
    cells and admonition titles, each with the lines it comes from."""
    units = [_Unit()]
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        admonition = ADMONITION.match(line)
        item = LIST_ITEM.match(line)
        # Emphasis goes once the structure is known: "**Steg 1.** Ring" ends a sentence before "Ring".
        line = line[item.end():] if item else line
        stripped = line.replace("*", "").strip()
        if not stripped:
            units.append(_Unit())
        elif stripped.startswith("|"):
            units += [_Unit([number], [cell]) for cell in stripped.split("|")] + [_Unit()]
        elif stripped.startswith("#") or admonition:
            heading = (admonition.group(1) or "") if admonition else stripped.lstrip("#")
            units += [_Unit([number], [heading]), _Unit()]
        elif item:
            units.append(_Unit([number], [stripped]))
        else:
            units[-1].lines.append(number)
            units[-1].parts.append(stripped)
    return [unit for unit in units if unit.parts]


def _split_sentences(unit: _Unit) -> list[Sentence]:
    text = " ".join(unit.parts)
    starts = [0]  # where each source line's text begins in `text`
    for part in unit.parts[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    ends = [match.end() for match in SENTENCE_END.finditer(text)]
    sentences, begin = [], 0
    for end in ends + [len(text)]:
        piece = text[begin:end]
        words = tuple(WORD.findall(piece))
        if words:  # "1." or "§ 3." alone is no sentence
            line = unit.lines[bisect.bisect_right(starts, begin + len(piece) - len(piece.lstrip())) - 1]
            sentences.append(Sentence(line, " ".join(piece.split()), words))
        begin = end
    return sentences


def sentences_of(markdown: str) -> list[Sentence]:
    """Every sentence a reader meets on the page, in order."""
    return [sentence for unit in read_units(visible_text(markdown)) for sentence in _split_sentences(unit)]


def is_long(word: str) -> bool:
    return len(word.replace("-", "").replace("'", "")) > LONG_WORD


def readability_of(sentences: list[Sentence]) -> Readability:
    words = [word for sentence in sentences for word in sentence.words]
    return Readability(len(words), len(sentences), sum(1 for word in words if is_long(word)))


def measure(markdown: str) -> Readability:
    return readability_of(sentences_of(markdown))


def is_easy_read(text: str) -> bool:
    """Whether the page's front matter says `easy_read: true` (a broken front
    matter says nothing; checks/front_matter.py reports it)."""
    try:
        meta, _ = read_front_matter(text)
    except YamlProblem:
        return False
    return isinstance(meta, dict) and meta.get("easy_read") is True


def _quoted(sentence: Sentence) -> str:
    text = sentence.text
    if len(text) > SHOWN_SENTENCE_LENGTH:
        text = text[:SHOWN_SENTENCE_LENGTH - 1].rstrip() + "…"
    count = len(sentence.words)
    return f'"{text}" (line {sentence.line}, {count} word{"s" * (count != 1)})'


def check_easy_read(markdown: str, path: str) -> list[Finding]:
    """An easy-to-read page above the limit: its LIX and its longest sentences."""
    sentences = sentences_of(markdown)
    result = readability_of(sentences)
    if result.lix <= EASY_READ_LIMIT:
        return []
    longest = sorted(sentences, key=lambda sentence: -len(sentence.words))[:SHOWN_SENTENCES]
    share = round(100 * result.long_words / result.words)
    return [Finding(path, longest[0].line,
                    f"LIX {result.lix:.1f} is above {EASY_READ_LIMIT}, the limit for an easy-to-read page "
                    f"(easy_read: true); {result.words / result.sentences:.1f} words per sentence, {share} % "
                    "long words (more than six letters); the longest sentences are "
                    f"{', '.join(map(_quoted, longest))} — split long sentences into short ones, one idea "
                    "each, and choose short common words; make lix shows the page's LIX")]


def check(page, config) -> None:
    """The build step: a Swedish page marked easy_read: true within the limit."""
    if is_fallback_copy(page, config) or page.meta.get("easy_read") is not True:
        return
    if page_language(page, default_language(config)) != LIX_LANGUAGE:
        return
    report(check_easy_read(page.file.content_string, repo_path(config, page.file.src_path)))

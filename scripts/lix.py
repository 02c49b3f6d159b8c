"""LIX readability (läsbarhetsindex) for the Swedish pages.

LIX = words / sentences + 100 * long words / words, where a long word has more
than six letters (Björnsson 1968). We measure the prose a reader sees: front
matter, code, HTML, link targets and heading ids are removed first. A heading,
list item or table cell counts as its own sentence, because that is how it reads.

Usage: python scripts/lix.py [docs]   (prints one line per Swedish page and the average)
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from _common import mask_code  # noqa: E402  (hooks/ is not a package)
from site_facts import has_language_suffix  # noqa: E402

# No pattern here may scan to the end of a line (or the page) from every
# place it could start: each class stops at the next character that could
# start another match, and whitespace never crosses a line unless it must.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)   # as MkDocs reads it
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
ATTR_LIST = re.compile(r"\{[#:.][^{}\n]*\}")
GLOSSARY_REF = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")
LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
ADMONITION = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*\w+(?:[ \t]+"([^"\n]*)")?[ \t]*$', re.M)
TABLE_RULE = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}.*$", re.M)
# A sentence ends at . ! ? followed by a capital letter or the end of the line:
# "4 kap. 1 a §" and "t.ex. när" are not sentence ends. (Only from the first
# mark of a run: from each mark of "....." the pattern was quadratic.)
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=\s+[A-ZÅÄÖÉ\"“(]|\s*$)", re.M)
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+(?:[-'][A-Za-zÅÄÖåäöÉéÜü]+)*")


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


def prose(markdown: str) -> str:
    """The text a reader sees, one block (heading, paragraph, item, cell) per line."""
    text = FRONT_MATTER.sub("", markdown)
    text = mask_code(text)   # code blocks (fenced and indented) and `code`, as Markdown finds them
    text = without_comments(text)
    text = ADMONITION.sub(lambda m: m.group(1) or "", text)
    text = TABLE_RULE.sub("", text)
    text = GLOSSARY_REF.sub(lambda m: m.group(2) or m.group(1), text)
    text = LINK.sub(r"\1", text)
    text = HTML_TAG.sub(" ", text)
    text = ATTR_LIST.sub("", text)
    return text


def without_comments(text: str) -> str:
    """The text without <!-- … --> (as the pattern <!--.*?--> would remove
    them, but without rescanning the page from every unclosed '<!--')."""
    pieces, position = [], 0
    while (opening := text.find("<!--", position)) >= 0:
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break
        pieces.append(text[position:opening])
        position = closing + 3
    return "".join(pieces) + text[position:]


NEW_UNIT = re.compile(r"\s*(?:[-*+]\s|\d+\.\s|#)")


def units(text: str) -> list[str]:
    """Split prose into read units: paragraphs (soft-wrapped lines joined),
    headings, list items and table cells."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            if line.lstrip().startswith("|"):
                found.append(" ".join(current))
                current = []
                found.extend(line.split("|"))
            elif NEW_UNIT.match(line):
                found.append(" ".join(current))
                current = [line]
            else:
                current.append(line)
        found.append(" ".join(current))
    return [unit for unit in found if unit.strip()]


def measure(markdown: str) -> Readability:
    words = sentences = long_words = 0
    for block in units(prose(markdown)):
        block_words = WORD.findall(block)
        if not block_words:
            continue
        words += len(block_words)
        long_words += sum(1 for word in block_words if len(word.replace("-", "")) > 6)
        # The end of a block always ends a sentence, with or without a full stop.
        sentences += max(1, len(SENTENCE_END.findall(block.strip())))
    return Readability(words, sentences, long_words)


def swedish_pages(docs: Path) -> list[Path]:
    """Swedish content pages: no language suffix, not generated, not templates."""
    return sorted(
        path for path in docs.rglob("*.md")
        if not has_language_suffix(path.name) and not path.name.startswith("_")
    )


def main(argv: list[str]) -> int:
    docs = Path(argv[1] if len(argv) > 1 else "docs")
    scores = []
    for path in swedish_pages(docs):
        result = measure(path.read_text(encoding="utf-8"))
        if result.words < 50:
            continue
        scores.append(result.lix)
        print(f"{result.lix:5.1f}  {result.words:5d} words  {path.relative_to(docs.parent)}")
    if scores:
        print(f"LIX average {sum(scores) / len(scores):.1f}, max {max(scores):.1f} over {len(scores)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

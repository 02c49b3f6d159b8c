"""Positions in an editor's Markdown, and what is code there.

Checks and rewrites must leave code alone and report the line an editor
wrote: mask_code() blanks what Python-Markdown treats as code (code_regions.py
finds it as Markdown's own block parser does), keeping every offset and line
break; prose() blanks the front matter too; substitute() rewrites only
outside code; source_line() finds where a piece of output was written.
"""
from __future__ import annotations

import functools
import html
import re

from nmt.core import code_regions
from nmt.core.findings import Finding

# As MkDocs reads it (mkdocs.utils.meta): spaces and tabs, not \s, after the
# fences. With \s* ("---" and blank lines could end the opening line
# anywhere) a page of blank lines without a closing fence took minutes.
FRONT_MATTER = re.compile(r"\A(---[ \t]*\n)(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def front_matter_span(text: str) -> tuple[int, int]:
    """(start, end) offsets of the YAML between the --- fences, or (0, 0)."""
    match = FRONT_MATTER.match(text)
    return (match.start(2), match.end(2)) if match else (0, 0)


def body_start_line(text: str) -> int:
    """The line where the Markdown body starts (after the front matter)."""
    match = FRONT_MATTER.match(text)
    return line_of(text, match.end()) if match else 1


# A text without these has no code in it: no backtick, no ~~~ fence, no
# line indented by four spaces or a tab.
MAYBE_CODE = re.compile(r"`|~~~|(?:^|\r)(?: {4}| {0,3}\t)", re.M)   # (a lone \r ends a line for Markdown)


# The caches below serve the steps that read one page's text one after the
# other (a page at a time); a few entries do that, more only hold old pages.
@functools.lru_cache(maxsize=16)
def mask_code(text: str) -> str:
    """The text with what readers see as code blanked out: fenced and indented
    code blocks and `inline code`, decided as Python-Markdown decides them
    (code_regions.py), so four spaces in a list item or an admonition stay text.

    Same length and same line breaks as the input, so offsets and line numbers
    found in the masked text are valid in the original. Checks and rewrites
    must not touch examples shown as code.
    """
    if not MAYBE_CODE.search(text):
        return text
    pieces, last = [], 0
    for start, end in sorted(code_regions.code_ranges(text)):
        start = max(start, last)
        if start < end:
            pieces += [text[last:start], _blank(text[start:end])]
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


def mask_front_matter(text: str) -> str:
    start, end = FRONT_MATTER.match(text).span() if FRONT_MATTER.match(text) else (0, 0)
    return _blank(text[:end]) + text[end:]


@functools.lru_cache(maxsize=16)
def prose(text: str) -> str:
    """Mask code and front matter: what remains is the editor's running text."""
    return mask_code(mask_front_matter(text))


@functools.lru_cache(maxsize=16)
def lowered_prose(text: str) -> str:
    """prose() in lower case: checks test it for a pattern's literal text
    before running the pattern (several checks ask, once per page)."""
    return prose(text).lower()


def _blank(chunk: str) -> str:
    return re.sub(r"[^\n]", " ", chunk)


def substitute(text: str, pattern: re.Pattern, replace) -> str:
    """re.sub on the text outside code: matches are found in the masked text."""
    if not pattern.search(text):
        return text   # nothing to replace, so no need to find the code
    pieces, last = [], 0
    for match in pattern.finditer(mask_code(text)):
        original = pattern.match(text, match.start(), match.end())
        pieces.append(text[last:match.start()])
        pieces.append(replace(original) if original else text[match.start():match.end()])
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


MARKDOWN_TAB_LENGTH = 4   # Python-Markdown's tab_length (mkdocs.yml does not change it)


def source_line(text: str, needle: str) -> int:
    """The line where a piece of the output was written in the source, or 1.

    Searched in the running text first (code blanked out), then in the
    same text with HTML entities decoded (&#106;avascript: is javascript:),
    then with tabs expanded as Python-Markdown expands them before it reads
    the text (a tab in a link is spaces in the HTML), then in the front
    matter, case-insensitively."""
    if not needle:
        return 1
    lowered = needle.lower()
    running = prose(text)
    position = lowered_prose(text).find(lowered)
    if position >= 0:
        return running.count("\n", 0, position) + 1
    for haystack in (_decoded(running), running.expandtabs(MARKDOWN_TAB_LENGTH), text):
        position = haystack.lower().find(lowered)
        if position >= 0:
            return haystack.count("\n", 0, position) + 1
    return 1


@functools.lru_cache(maxsize=64)
def _decoded(running: str) -> str:
    return "\n".join(html.unescape(line) for line in running.split("\n"))


def findings_for(violations, path: str, source: str) -> list[Finding]:
    """Findings for html_policy violations, each at the line where its text was written."""
    return [Finding(path, source_line(source, v.needle), v.message) for v in dict.fromkeys(violations)]

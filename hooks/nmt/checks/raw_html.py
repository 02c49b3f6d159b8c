"""Raw HTML safety: editors cannot put code into pages.

Markdown allows raw HTML, and attr_list ({: onclick=…}) adds attributes to
what Markdown makes. Both are judged on what the Markdown parser actually
produced (the page's HTML right after rendering), with policy/html.py's
allow-list: scripts, frames, forms, plug-ins, event handlers, inline styles,
javascript: URLs and images from other hosts are errors. Whether something
is code is therefore Markdown's own decision: an example inside a code block
or `inline code` is escaped text in that HTML, never a tag.
The source is only searched afterwards, to tell the editor the line.

Ids are judged here too: two elements with the same id, or a heading whose
automatic id Markdown had to rename (#x_1) because an explicit {#x}
elsewhere took it, mean that links, the contents and the print document's
anchors reach the wrong heading. The message names the second of the two.
"""
from __future__ import annotations

import bisect
import re

from markdown.extensions.toc import slugify as markdown_slugify

from nmt.core.findings import Finding, report
from nmt.core.markdown import findings_for, prose
from nmt.core.pages import is_fallback_copy, repo_path
from nmt.policy.html import (
    content_tree,
    content_violations,
    duplicate_id_message,
    duplicate_ids,
)

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
HEADING_LINE = re.compile(r"^ {0,3}#")


def check_content(html: str, source: str, path: str, slugify=markdown_slugify, separator: str = "-"):
    """Findings for what Markdown made of the page that is not allowed."""
    duplicates = set(duplicate_ids(content_tree(html).body))   # reported below, with both lines
    others = [violation for violation in content_violations(html) if violation not in duplicates]
    return findings_for(others, path, source) + duplicate_id_findings(html, source, path, slugify, separator)


def duplicate_id_findings(html: str, source: str, path: str, slugify=markdown_slugify,
                          separator: str = "-") -> list[Finding]:
    """Elements that share an id, each reported at its line after the first's."""
    body = content_tree(html).body
    elements = [node for node in body.traverse(include_text=False)
                if (node.attributes or {}).get("id") is not None] if body is not None else []
    ids = {node.attributes["id"] for node in elements}
    lines = ElementLines(source)
    groups: dict[str, list[tuple[str, int]]] = {}
    for node in elements:
        identifier = node.attributes["id"]
        taken = renamed_automatic(node, identifier, ids, slugify, separator)
        groups.setdefault(taken or identifier, []).append(lines.place(node, identifier, automatic=bool(taken)))
    findings = []
    for identifier, places in groups.items():
        if len(places) < 2 or not lines.written_out(identifier):
            continue   # one element, or two headings that merely have the same words (Markdown numbers them)
        first = lines.line(*places[0])
        findings += [Finding(path, max(lines.line(*place), first), duplicate_id_message(identifier, first))
                     for place in places[1:]]
    return findings


def renamed_automatic(node, identifier: str, ids: set[str], slugify, separator: str) -> str | None:
    """For a heading whose automatic id toc renamed (x → x_1, its unique())
    because x is taken on the page: x. Else None."""
    base, underscore, number = identifier.rpartition("_")
    if node.tag not in HEADINGS or not underscore or not number.isdigit() or number[0] == "0" or base not in ids:
        return None
    return base if slugify(heading_text(node), separator) == base else None


def heading_text(node) -> str:
    """A heading's words, without the permalink (¶) that toc adds."""
    return "".join(child.text(deep=True) for child in node.iter(include_text=True)
                   if "headerlink" not in ((child.attributes or {}).get("class") or "")).strip()


class ElementLines:
    """The source line of an element with an id: the n-th place the source
    writes the id out ({#id}, {: #id}, id="…"), or, for an automatic id, the
    n-th heading with the same words. Worked out only for the elements that
    are reported; each search is made once per id or per heading text."""

    def __init__(self, source: str):
        self.running = prose(source)
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", self.running)]
        self.seen: dict[str, int] = {}
        self.markers: dict[str, list[int]] = {}
        self.headings: dict[str, list[int]] | None = None

    def place(self, node, identifier: str, automatic: bool) -> tuple[str, int]:
        """(what to look for, how many came before): cheap, for every element.
        Every heading counts towards the n-th heading with its words."""
        words = "\0" + heading_text(node) if node.tag in HEADINGS else None
        if words is not None:
            self.seen[words] = self.seen.get(words, 0) + 1
        if words is not None and (automatic or not self.written_out(identifier)):
            return words, self.seen[words] - 1
        self.seen[identifier] = self.seen.get(identifier, 0) + 1
        return identifier, self.seen[identifier] - 1

    def written_out(self, identifier: str) -> bool:
        return bool(self._markers(identifier))

    def line(self, key: str, count: int) -> int:
        positions = self._heading_positions(key[1:]) if key.startswith("\0") else self._markers(key)
        if not positions:
            return 1
        return bisect.bisect_right(self.line_starts, positions[min(count, len(positions) - 1)])

    def _markers(self, identifier: str) -> list[int]:
        if identifier not in self.markers:
            found = []
            for needle in (f"#{identifier}", f'id="{identifier}"', f"id='{identifier}'"):
                position = self.running.find(needle)
                while position >= 0:
                    after = self.running[position + len(needle):position + len(needle) + 1]
                    if not needle.startswith("#") or not (after.isalnum() or after in ("-", "_")):
                        found.append(position)
                    position = self.running.find(needle, position + 1)
            self.markers[identifier] = sorted(found)
        return self.markers[identifier]

    def _heading_positions(self, words: str) -> list[int]:
        """Heading lines (# …) whose words are these, by the line's text without
        the #s and an attribute list; else those that contain them."""
        if self.headings is None:
            self.headings, position = {}, 0
            for text in self.running.split("\n"):
                if HEADING_LINE.match(text):
                    self.headings.setdefault(heading_words(text), []).append(position)
                position += len(text) + 1
        if words in self.headings:
            return self.headings[words]
        return sorted(position for key, positions in self.headings.items() if words and words in key
                      for position in positions)


def heading_words(line: str) -> str:
    """'## Vem ansöker? {#who-applies}' → 'Vem ansöker?'."""
    text = line.strip().lstrip("#").strip()
    if text.endswith("}") and "{" in text:
        text = text[:text.rindex("{")].strip()
    return text.rstrip("#").strip()


def check(html, page, config) -> None:
    if not is_fallback_copy(page, config):
        toc = (config.get("mdx_configs") or {}).get("toc") or {}
        report(check_content(html, page.file.content_string, repo_path(config, page.file.src_path),
                             toc.get("slugify", markdown_slugify), toc.get("separator", "-")))

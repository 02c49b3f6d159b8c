#!/usr/bin/env python3
"""What a pull request changes in the text readers see, for the reviewer: a GitHub job summary.

For every changed page, in both languages, the words added and removed in the
rendered text of the page (its <article> in the built site, not the Markdown),
then the build's findings (the `docs/…:LINE: …` lines of its log).

    python3 scripts/pr_summary.py --before BASE_SITE --after SITE --changed FILES.txt \
        [--log build.log] >> "$GITHUB_STEP_SUMMARY"

FILES.txt lists the changed files, one per line (`git diff --name-only base...head`).
"""
from __future__ import annotations

import argparse
import difflib
import html
import re
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

LANGUAGES = {"": "Svenska", "en": "English"}
FINDING = re.compile(r"(?:^|\s)(docs/[^\s:]+:\d+: .+)$")
MAX_WORDS = 60


def page_address(docs_path: str) -> tuple[str, str] | None:
    """(language folder, site path of index.html) of a docs page; None for other files."""
    if not (docs_path.startswith("docs/") and docs_path.endswith(".md")) or "/_" in docs_path:
        return None
    stem, language = docs_path[len("docs/"):-len(".md")], ""
    if stem.endswith(".en"):
        stem, language = stem[:-3], "en"
    stem = stem.removesuffix("index").rstrip("/")
    folder = f"{language}/" if language else ""
    return language, f"{folder}{stem}/index.html".replace("//", "/").lstrip("/")


def rendered_words(page: Path) -> list[str]:
    """The words of a built page's article, as readers read them."""
    if not page.is_file():
        return []
    article = LexborHTMLParser(page.read_text("utf-8")).css_first("article")
    return article.text(separator=" ").split() if article else []


def word_changes(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """(words added, words removed), in reading order."""
    added, removed = [], []
    for kind, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if kind in ("replace", "delete"):
            removed.append(" ".join(before[a1:a2]))
        if kind in ("replace", "insert"):
            added.append(" ".join(after[b1:b2]))
    return added, removed


def shortened(parts: list[str]) -> str:
    text = " … ".join(parts)
    words = text.split()
    text = " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "")
    return html.escape(text)


def page_section(docs_path: str, before: Path, after: Path) -> list[str]:
    address = page_address(docs_path)
    if address is None:
        return []
    language, path = address
    added, removed = word_changes(rendered_words(before / path), rendered_words(after / path))
    lines = [f"#### {LANGUAGES.get(language, language)}: `{docs_path}`"]
    if not (before / path).is_file():
        lines.append("Ny sida / new page.")
    if not added and not removed:
        lines.append("Ingen ändring i texten / no change in the text.")
    if added:
        lines.append(f"- **Tillagt / added:** {shortened(added)}")
    if removed:
        lines.append(f"- **Borttaget / removed:** {shortened(removed)}")
    return lines + [""]


def summary(changed: list[str], before: Path, after: Path, log: str) -> str:
    pages = sorted({path for path in changed if page_address(path)},
                   key=lambda path: (path.removesuffix(".md").removesuffix(".en"), path.endswith(".en.md")))
    lines = ["## Ändringar i texten / Changes in the text", ""]
    if not pages:
        lines.append("Inga sidor ändrade / no page changed.")
    for path in pages:
        lines += page_section(path, before, after)
    findings = [match.group(1) for line in log.splitlines() if (match := FINDING.search(line))]
    lines += ["## Bygget säger / The build says", ""]
    # In a code span nothing is read as HTML; a backtick would end it.
    lines += [f"- `{finding.replace('`', chr(39))}`" for finding in dict.fromkeys(findings)] or ["Inga fynd / no findings."]
    lines += ["", "Offlinekopian (artefakten *offline-copy*): packa upp och dubbelklicka på `index.html`. / "
              "The offline copy (artifact *offline-copy*): unzip and double-click `index.html`."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the site built from the base branch")
    parser.add_argument("--after", type=Path, required=True, help="the site built from the pull request")
    parser.add_argument("--changed", type=Path, required=True, help="the changed files, one per line")
    parser.add_argument("--log", type=Path, help="the build's log")
    args = parser.parse_args(argv)
    changed = [line.strip() for line in args.changed.read_text("utf-8").splitlines() if line.strip()]
    log = args.log.read_text("utf-8", errors="replace") if args.log and args.log.is_file() else ""
    sys.stdout.write(summary(changed, args.before, args.after, log))
    return 0


if __name__ == "__main__":
    sys.exit(main())

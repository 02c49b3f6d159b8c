"""LIX readability (läsbarhetsindex) of the Swedish pages.

The measure lives in hooks/nmt/checks/readability.py, which the build uses for the
easy-to-read pages (`easy_read: true`, LIX at most 25): this script prints
what the build measures.

Usage: python scripts/lix.py [docs]
Prints one line per Swedish page and the average, then the easy-to-read
pages with the limit. Exits with 1 when an easy-to-read page is above it.
"""
from __future__ import annotations

import sys
from pathlib import Path

from nmt.checks.readability import EASY_READ_LIMIT, is_easy_read, measure
from nmt.core.site_facts import has_language_suffix

SHORTEST_MEASURED = 50  # words: the generated pages and stubs say nothing about the prose


def swedish_pages(docs: Path) -> list[Path]:
    """Swedish content pages: no language suffix, not generated, not templates."""
    return sorted(
        path for path in docs.rglob("*.md")
        if not has_language_suffix(path.name) and not path.name.startswith("_")
    )


def line(lix: float, words: int, path: Path, docs: Path) -> str:
    return f"{lix:5.1f}  {words:5d} words  {path.relative_to(docs.parent)}"


def main(argv: list[str]) -> int:
    docs = Path(argv[1] if len(argv) > 1 else "docs")
    scores, easy = [], []
    for path in swedish_pages(docs):
        text = path.read_text(encoding="utf-8")
        result = measure(text)
        if is_easy_read(text):
            easy.append((path, result))
        elif result.words >= SHORTEST_MEASURED:
            scores.append(result.lix)
            print(line(result.lix, result.words, path, docs))
    if scores:
        print(f"LIX average {sum(scores) / len(scores):.1f}, max {max(scores):.1f} over {len(scores)} pages")
    if not easy:
        return 0
    print(f"\nEasy-to-read pages (lättläst, easy_read: true), limit LIX {EASY_READ_LIMIT}:")
    over = [path for path, result in easy if result.lix > EASY_READ_LIMIT]
    for path, result in easy:
        verdict = "ABOVE THE LIMIT" if path in over else "ok"
        print(f"{line(result.lix, result.words, path, docs)}  {verdict}")
    print(f"{len(easy) - len(over)} of {len(easy)} within the limit")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Pages whose law changed after review, then pages whose review is overdue
or due within 30 days: `make review-report`.

Reads docs/ and docs/statutes.yml directly (no build needed). The build writes
the same facts for every page to site/review.json.
Usage: python scripts/review_report.py [docs] [--today YYYY-MM-DD]
"""
from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import dataclass
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]

from nmt.core.yaml_lines import YamlProblem, read_front_matter
from nmt.core.dates import date_argument, parse_date
from nmt.core.site_facts import default_language_page, language_of, load_site_config, site_languages
from nmt.output.review_dates import report_lines, review_entry
from nmt.blocks.statute_text import law_changed_facts, law_changes
from nmt.registers.statutes import STATUTE_FILE, load_register


def register(docs: Path, wanted: list[str]) -> dict:
    """The statute register's valid entries ({} when it is missing or does not parse: the build says why)."""
    source = docs / STATUTE_FILE
    if not source.exists():
        return {}
    statutes, _ = load_register(source.read_text("utf-8"), f"docs/{STATUTE_FILE}", wanted, docs)
    return statutes or {}


def reviewed_date(text: str) -> datetime.date | None:
    try:
        meta, _ = read_front_matter(text)
        return parse_date(meta.get("reviewed")) if isinstance(meta, dict) else None
    except (YamlProblem, ValueError):
        return None


@dataclass
class PageReview:
    """One page as the review report sees it."""
    path: str  # docs/… relative to the repository
    language: str
    text: str
    entry: dict | None  # review_dates.review_entry, None without usable dates
    changed: list  # registers/statutes.LawChange: applied after the page was reviewed
    coming: list  # registers/statutes.LawChange: not yet in force


def page_reviews(docs: Path, default_months: int, today: datetime.date, wanted: list[str] = ("sv", "en")):
    """Every page's review facts and the law changes it cites (also for scripts/maintenance_report.py)."""
    statutes = register(docs, list(wanted))
    for path in sorted(docs.rglob("*.md")):
        if path.name.startswith("_"):
            continue
        language = language_of(path.name, wanted[0], list(wanted))
        text = path.read_text("utf-8")
        page = default_language_page(path.relative_to(docs).as_posix())
        changed, coming = law_changes(text, page, statutes, reviewed_date(text), today)
        where = path.relative_to(docs.parent).as_posix()
        entry = review_entry(text, where, language, default_months, today, law_changed_facts(changed, language))
        yield PageReview(where, language, text, entry, changed, coming)


def entries(docs: Path, default_months: int, today: datetime.date, wanted: list[str] = ("sv", "en")) -> list[dict]:
    return [review.entry for review in page_reviews(docs, default_months, today, wanted) if review.entry]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", default=str(ROOT / "docs"))
    parser.add_argument("--today", type=date_argument, default=datetime.date.today(), help="YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv[1:])
    config = load_site_config(ROOT / "mkdocs.yml")
    months = config["extra"].get("review_in_months", 12)
    print("\n".join(report_lines(entries(Path(args.docs), months, args.today, site_languages(config)))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

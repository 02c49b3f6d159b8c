"""Pages whose review is overdue or due within 30 days: `make review-report`.

Reads docs/ directly (no build needed). The build writes the same facts for
every page to site/review.json.
Usage: python scripts/review_report.py [docs] [--today YYYY-MM-DD]
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from review_dates import report_lines, review_entry  # noqa: E402  (hooks/ is not a package)


def entries(docs: Path, default_months: int, today: datetime.date) -> list[dict]:
    found = []
    for path in sorted(docs.rglob("*.md")):
        if path.name.startswith("_"):
            continue
        suffix = re.search(r"\.([a-z]{2})\.md$", path.name)
        entry = review_entry(path.read_text("utf-8"), path.relative_to(docs.parent).as_posix(),
                             suffix.group(1) if suffix else "sv", default_months, today)
        if entry:
            found.append(entry)
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", default=str(ROOT / "docs"))
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv[1:])
    months = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["extra"].get("review_in_months", 12)
    print("\n".join(report_lines(entries(Path(args.docs), months, args.today))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Review dates: every page says when it was reviewed, by whom, and when it
is next due — and the site lists what is due.

Next review = `reviewed` + `review_in` months (default extra.review_in_months).
The page shows both dates; a small script (assets/javascripts/review-expiry.js)
turns the box into a warning in the reader's browser once the date has
passed, so a copy that is never rebuilt still warns on time, offline too.
The build writes site/review.json; `make review-report` prints what is due.
Pages whose law changed after their review (blocks/statute_text.py keeps the
changes in Build.law_changed) come first, with status "law-changed".
"""
from __future__ import annotations

import calendar
import datetime
import json
from pathlib import Path

from nmt.core.dates import parse_date
from nmt.core.pages import is_fallback_copy, page_key, repo_path
from nmt.core.yaml_lines import YamlProblem, read_front_matter

DUE_SOON_DAYS = 30
REPORT_FILE = "review.json"  # at the site root; checks/source_files.py keeps editors' files off this name
LAW_CHANGED = "law-changed"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(reviewed, months: int) -> datetime.date | None:
    try:
        day = parse_date(reviewed)
        return add_months(day, int(months)) if day else None
    except (TypeError, ValueError):
        return None  # checks/front_matter.py reports the bad date


def status(due: datetime.date, today: datetime.date) -> str:
    if due < today:
        return "overdue"
    return "due-soon" if (due - today).days <= DUE_SOON_DAYS else "ok"


def law_changed_reason(law_changed: list[dict]) -> str:
    """'law changed after review: <provision> on <date> (SFS …)', newest change first."""
    return "law changed after review: " + "; ".join(
        f"{change['provision']} on {change['applies_from']} (SFS {change['amended_by']})" for change in law_changed)


def review_entry(text: str, path: str, language: str, default_months: int, today: datetime.date,
                 law_changed: list[dict] | None = None) -> dict | None:
    """The review facts of one page, or None when it has no usable dates.

    law_changed: the changes of cited provisions that applied after `reviewed`
    (blocks/statute_text.law_changed_facts); they make the status "law-changed" and
    keep the date-based status as review_status.
    """
    try:
        meta, _ = read_front_matter(text)
    except YamlProblem:
        return None
    if not isinstance(meta, dict):
        return None
    due = next_review(meta.get("reviewed"), meta.get("review_in") or default_months)
    if due is None:
        return None
    entry = {"path": path, "language": language, "title": str(meta.get("title", "")),
             "owner": str(meta.get("owner", "")), "reviewed": str(meta.get("reviewed")),
             "next_review": due.isoformat(), "status": status(due, today)}
    if law_changed:
        entry.update(review_status=entry["status"], status=LAW_CHANGED, reason=law_changed_reason(law_changed),
                     law_changed=law_changed)
    return entry


def entry_order(entry: dict) -> tuple:
    """Pages whose law changed after review first, then by language and path."""
    return entry["status"] != LAW_CHANGED, entry["language"], entry["path"]


def report_lines(entries: list[dict]) -> list[str]:
    """Human-readable list: first the pages whose law changed after review, then
    the pages due within 30 days or overdue, per language."""
    lines = []
    changed = sorted((e for e in entries if e["status"] == LAW_CHANGED), key=entry_order)
    if changed:
        lines.append(f"{len(changed)} page(s) where the law changed after review")
        lines += [f"  {e['law_changed'][0]['applies_from']}  {LAW_CHANGED}  {e['path']}  ({e['owner']})  "
                  f"{e['reason']}" for e in changed]
    for language in sorted({entry["language"] for entry in entries}):
        due = sorted((e for e in entries if e["language"] == language
                      and e.get("review_status", e["status"]) in ("overdue", "due-soon")),
                     key=lambda e: e["next_review"])
        lines.append(f"{language}: {len(due)} page(s) overdue or due within {DUE_SOON_DAYS} days")
        lines += [f"  {e['next_review']}  {e.get('review_status', e['status']):8}  {e['path']}  ({e['owner']})"
                  for e in due]
    return lines


# --- Steps (called by pipeline.py) ---------------------------------------------------

def record(build, page, config) -> None:
    """The page's next review date (for its footer) and its entry in review.json."""
    months = config.extra.get("review_in_months", 12)
    due = next_review(page.meta.get("reviewed"), page.meta.get("review_in") or months)
    if due:
        page.meta["next_review"] = due.isoformat()
    if not is_fallback_copy(page, config):
        key = page_key(page, config)
        entry = review_entry(page.file.content_string, repo_path(config, page.file.src_path),
                             config.theme["language"], months, build.today, build.law_changed.get(key))
        if entry:
            build.review_entries[key] = entry


def write_report(build, config) -> None:
    (Path(config["site_dir"]) / REPORT_FILE).write_text(
        json.dumps({"pages": sorted(build.review_entries.values(), key=entry_order)}, ensure_ascii=False, indent=1), "utf-8")


# --- Per-page state (preview/reuse.py gives it back to a page a later rebuild reuses) ---------

def page_record(build, page, config) -> dict | None:
    """The page's entry in review.json, for a later rebuild that reuses the page."""
    return build.review_entries.get(page_key(page, config))


def restore_page(build, page, config, entry: dict | None) -> None:
    if entry is not None:
        build.review_entries[page_key(page, config)] = entry
